package dev.kopf;

import java.util.List;
import java.util.Map;

/**
 * Who makes the admitted request, from the AdmissionReview's {@code request.userInfo}: an
 * injectable of {@link OnValidate} and {@link OnMutate} handlers (Kopf's {@code userinfo}).
 *
 * @param username the user name, e.g. {@code system:admin}; empty when not given
 * @param uid the user's uid; empty when not given
 * @param groups the user's groups
 * @param extra extra attributes the authenticator gave
 * @since 0.1
 */
public record UserInfo(String username, String uid, List<String> groups,
        Map<String, List<String>> extra) {

    /** Copies the components and fills the absent ones. */
    public UserInfo {
        username = username == null ? "" : username;
        uid = uid == null ? "" : uid;
        groups = groups == null ? List.of() : List.copyOf(groups);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
