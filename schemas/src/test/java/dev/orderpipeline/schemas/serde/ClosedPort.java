package dev.orderpipeline.schemas.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A local TCP port that nothing listens on: bound once by the OS, then released. */
final class ClosedPort {

    private ClosedPort() {
    }

    /** {@code http://127.0.0.1:<port>} of a port that refuses connections. */
    static String url() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot find a free local port", e);
        }
    }
}
