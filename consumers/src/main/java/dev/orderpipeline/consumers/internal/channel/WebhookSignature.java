package dev.orderpipeline.consumers.internal.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Signature} header value: {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact body bytes
 * under the shared secret. A receiver recomputes it over the raw body to know the request came from us unchanged.
 */
public final class WebhookSignature {

    /** Header carrying the signature. */
    public static final String HEADER = "X-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** Signs a body; a new {@link Mac} per call because instances are not thread-safe and creating one is cheap. */
    public static String sign(final String secret, final byte[] body) {
        try {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
