package dev.kopf.testing.internal.apiserver;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authentication of the RBAC mode: bearer tokens issued for ServiceAccounts, as a
 * TokenRequest issues them, mapped to the user Kubernetes makes of them
 * ({@code system:serviceaccount:NS:NAME} in the groups {@code system:serviceaccounts},
 * {@code system:serviceaccounts:NS} and {@code system:authenticated}).
 *
 * <p>The tokens are opaque random strings, not signed JWTs: nothing outside the server
 * reads them.
 */
final class ServiceAccountTokens {

    /** An authenticated user. */
    record UserInfo(String name, List<String> groups) {
        UserInfo {
            groups = List.copyOf(groups);
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, UserInfo> users = new ConcurrentHashMap<>();

    /**
     * Issues a token for a ServiceAccount.
     *
     * @param namespace the ServiceAccount's namespace
     * @param serviceAccount its name
     * @return the bearer token
     */
    String issue(String namespace, String serviceAccount) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        users.put(token, new UserInfo("system:serviceaccount:" + namespace + ":"
                + serviceAccount, List.of("system:serviceaccounts",
                "system:serviceaccounts:" + namespace, "system:authenticated")));
        return token;
    }

    /**
     * Returns the user of an {@code Authorization} header.
     *
     * @param authorization the header, e.g. {@code Bearer abc}
     * @return the user, or {@code null} when the token is unknown or the header malformed
     */
    UserInfo authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return users.get(authorization.substring(7).strip());
    }
}
