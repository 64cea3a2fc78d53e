package dev.kopf.testing.internal.apiserver;

/**
 * A kind with its group, as validation errors name it: {@code ConfigMap},
 * {@code KopfExample.kopf.dev}.
 *
 * @param group the API group, empty for the core group
 * @param kind the kind
 */
record GroupKind(String group, String kind) {
    String qualified() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
