package dev.kopf.internal.structs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kopf's naming of annotation keys, ported from {@code configs/conventions.py}.
 *
 * <p>Used by the annotation-based storages to turn handler ids into V1 and V2 keys exactly as
 * Kopf does (so both can read each other's state), and by essences to recognise the keys of
 * any Kopf-based operator, which must never count as a change.
 */
public final class AnnotationKeys {

    /** The name that marks a prefix as used by a Kopf-based operator. */
    public static final String MARKER_NAME = "kopf-managed";

    /** Kopf's default prefix, always considered Kopf-owned. */
    public static final String KOPF_PREFIX = "kopf.zalando.org";

    private static final int MAX_NAME_LENGTH = 63;

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private AnnotationKeys() {
    }

    /**
     * Returns the annotation keys for a storage key: the V2 key, then the V1 key if wanted and
     * different, with the {@code -ofDRS} mark when the body needs it.
     *
     * @param prefix the annotations prefix, e.g. {@code kopf.zalando.org}
     * @param key the storage key, e.g. a handler id
     * @param includeV1 whether V1 keys are still written and read
     * @param body the object, for {@link #markKey}; {@code null} to skip the marking
     * @return one or two full annotation keys
     */
    public static List<String> keys(String prefix, String key, boolean includeV1,
            Map<String, Object> body) {
        String marked = body == null ? key : markKey(key, body);
        Set<String> keys = new LinkedHashSet<>();
        keys.add(v2Key(prefix, marked));
        if (includeV1) {
            keys.add(v1Key(prefix, marked));
        }
        return List.copyOf(keys);
    }

    /**
     * Replaces the characters not allowed in annotation names: {@code /} → {@code .},
     * {@code <} and {@code >} → {@code _}.
     *
     * @param key the storage key
     * @return the safe name
     */
    public static String safeKey(String key) {
        return key.replace('/', '.').replace('<', '_').replace('>', '_');
    }

    /**
     * Builds a V1 key: the 63-character limit covers the prefix, slash and name.
     *
     * @param prefix the annotations prefix, or empty for none
     * @param key the storage key
     * @return the full annotation key
     */
    public static String v1Key(String prefix, String key) {
        String safe = safeKey(key);
        String head = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
        String suffix = safe.length() <= MAX_NAME_LENGTH - head.length() ? "" : suffix(safe);
        return head + pythonHead(safe, MAX_NAME_LENGTH - head.length() - suffix.length())
                + suffix;
    }

    /**
     * Builds a V2 key: the 63-character limit covers only the name after the prefix.
     *
     * @param prefix the annotations prefix, or empty for none
     * @param key the storage key
     * @return the full annotation key
     */
    public static String v2Key(String prefix, String key) {
        String head = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
        String suffix = key.length() > MAX_NAME_LENGTH ? suffix(key) : "";
        int limit = Math.max(0, MAX_NAME_LENGTH - suffix.length());
        return head + pythonHead(safeKey(key), limit) + suffix;
    }

    /**
     * Returns the hash suffix of a cut key: {@code -} + base64 of its 4-byte BLAKE2b digest
     * (alphabet {@code -.} instead of {@code +/}), with trailing {@code =}, {@code -} and
     * {@code .} stripped.
     *
     * @param key the text to hash, as UTF-8
     * @return e.g. {@code -koaVtw}
     */
    public static String suffix(String key) {
        byte[] digest = Blake2b.digest(key.getBytes(StandardCharsets.UTF_8), 4);
        String alnums = BASE64.encodeToString(digest).replace('+', '-').replace('/', '.');
        String suffix = "-" + alnums;
        int end = suffix.length();
        while (end > 0 && "=-.".indexOf(suffix.charAt(end - 1)) >= 0) {
            end--;
        }
        return suffix.substring(0, end);
    }

    /**
     * Adds {@code -ofDRS} to keys of a ReplicaSet owned by a Deployment, whose annotations
     * Kubernetes overwrites with the Deployment's.
     *
     * @param key the storage key
     * @param body the object
     * @return the key, marked if needed
     */
    public static String markKey(String key, Map<String, Object> body) {
        Object owners = DictPaths.resolve(body, List.of("metadata", "ownerReferences"));
        boolean ownedByDeployment = owners instanceof Collection<?> references
                && references.stream().anyMatch(owner -> owner instanceof Map<?, ?> map
                        && "Deployment".equals(map.get("kind")));
        return "ReplicaSet".equals(body.get("kind")) && ownedByDeployment ? key + "-ofDRS" : key;
    }

    /**
     * Detects the prefixes of Kopf-based operators among annotation keys: a prefix is
     * Kopf-owned if any key under it is named {@code kopf-managed}, or if it equals or ends
     * with {@code .kopf.zalando.org}. The rule is per set, as in Kopf: one marker claims
     * every key under its prefix.
     *
     * @param keys all annotation keys of an object
     * @return the Kopf-owned prefixes, without the slash
     */
    public static Set<String> ownedPrefixes(Collection<String> keys) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String key : keys) {
            int slash = key.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String prefix = key.substring(0, slash);
            String name = key.substring(slash + 1);
            if (MARKER_NAME.equals(name) || isKopfPrefix(prefix)) {
                prefixes.add(prefix);
            }
        }
        return prefixes;
    }

    /**
     * Tells whether an annotation key lies under one of the given Kopf-owned prefixes.
     *
     * @param key the annotation key
     * @param ownedPrefixes as from {@link #ownedPrefixes}
     * @return {@code true} if the key belongs to a Kopf-based operator
     */
    public static boolean isKopfOwned(String key, Set<String> ownedPrefixes) {
        int slash = key.indexOf('/');
        return slash >= 0 && ownedPrefixes.contains(key.substring(0, slash));
    }

    /**
     * Tells whether a prefix is Kopf's by name alone: {@code kopf.zalando.org} or a
     * subdomain of it.
     *
     * @param prefix the prefix, without the slash
     * @return {@code true} for Kopf's well-known prefixes
     */
    public static boolean isKopfPrefix(String prefix) {
        return KOPF_PREFIX.equals(prefix) || prefix.endsWith("." + KOPF_PREFIX);
    }

    /**
     * Returns the marker key that makes a custom prefix recognisable, or {@code null} when
     * the prefix needs none (it starts with {@code kopf.}).
     *
     * @param prefix the annotations prefix
     * @return e.g. {@code example.com/kopf-managed}, or {@code null}
     */
    public static String markerKey(String prefix) {
        return prefix == null || prefix.isEmpty() || prefix.startsWith("kopf.")
                ? null : prefix + "/" + MARKER_NAME;
    }

    /** Python's {@code text[:end]}, where a negative end counts from the end. */
    private static String pythonHead(String text, int end) {
        int index = end >= 0 ? Math.min(end, text.length()) : Math.max(0, text.length() + end);
        return text.substring(0, index);
    }

    /**
     * Returns every key a storage key can have, V1 and V2, marked or not: for cleaning an
     * essence, which no longer holds what {@link #markKey} looks at.
     *
     * @param prefix the annotations prefix
     * @param key the storage key
     * @return the full annotation keys
     */
    public static List<String> allKeys(String prefix, String key) {
        List<String> keys = new ArrayList<>(keys(prefix, key, true, null));
        keys.addAll(keys(prefix, key + "-ofDRS", true, null));
        return keys;
    }
}
