package dev.orderpipeline.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for child processes. A port is found by binding port 0 and releasing it; the tiny race with
 * other programs is acceptable on a development machine, and a clash shows up at once as a start-up failure.
 */
public final class Ports {

    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
