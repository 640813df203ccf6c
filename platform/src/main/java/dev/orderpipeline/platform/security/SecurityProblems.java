package dev.orderpipeline.platform.security;

import dev.orderpipeline.platform.http.ProblemException;
import java.util.Map;

/** The problem responses of this package, so every service answers 401 and 403 the same way. */
final class SecurityProblems {

    static final String UNAUTHORIZED_TYPE = "/problems/unauthorized";
    static final String FORBIDDEN_TYPE = "/problems/forbidden";

    private SecurityProblems() {
    }

    /** 401 with the given {@code WWW-Authenticate} challenge(s). */
    static ProblemException unauthorized(final String detail, final String challenge) {
        return new ProblemException(401, UNAUTHORIZED_TYPE, "Unauthorized", detail, null,
                Map.of("WWW-Authenticate", challenge));
    }

    /** 403: authenticated, but not allowed. Retrying with the same credentials never helps. */
    static ProblemException forbidden(final String detail) {
        return new ProblemException(403, FORBIDDEN_TYPE, "Forbidden", detail, null, null);
    }
}
