package dev.orderpipeline.ingest.internal.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Unambiguous hashing of several strings: each is written with its length first, so ("ab","c") and ("a","bc")
 * never collide.
 */
final class Digests {

    private final MessageDigest digest;

    private Digests(final String algorithm) {
        try {
            this.digest = MessageDigest.getInstance(algorithm);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    static Digests sha256() {
        return new Digests("SHA-256");
    }

    static Digests sha1() {
        return new Digests("SHA-1");
    }

    Digests add(final String value) {
        if (value == null) {
            digest.update(ByteBuffer.allocate(4).putInt(-1).array());
        } else {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
        }
        return this;
    }

    Digests add(final long value) {
        digest.update(ByteBuffer.allocate(8).putLong(value).array());
        return this;
    }

    Digests addRaw(final byte[] bytes) {
        digest.update(bytes);
        return this;
    }

    byte[] finish() {
        return digest.digest();
    }
}
