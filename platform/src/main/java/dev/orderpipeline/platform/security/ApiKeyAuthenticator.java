package dev.orderpipeline.platform.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks up presented API keys by their SHA-256. Comparing hashes through a map leaks nothing useful about a key: an
 * attacker controls the key, not its hash, so timing cannot be used to guess one byte at a time.
 */
final class ApiKeyAuthenticator {

    /** Far above any issued key; caps the hashing work an anonymous request can cause. */
    private static final int MAX_KEY_LENGTH = 512;

    private final Map<String, Principal> byHash = new HashMap<>();

    ApiKeyAuthenticator(final List<ApiKeyCredential> credentials) {
        credentials.forEach(credential -> byHash.put(credential.sha256Hex(), credential.principal()));
    }

    boolean enabled() {
        return !byHash.isEmpty();
    }

    Principal authenticate(final String key) throws AuthenticationFailure {
        final Principal principal = key.length() > MAX_KEY_LENGTH ? null : byHash.get(ApiKeyCredential.hash(key.strip()));
        if (principal == null) {
            throw new AuthenticationFailure("The API key is not valid", null);
        }
        return principal;
    }
}
