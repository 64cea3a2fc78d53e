package dev.kopf.testing.internal.apiserver;

/**
 * Which objects of a resource a list or watch is about: a namespace (or all of them) and
 * label and field selectors.
 *
 * @param namespace the namespace, or {@code null} for all namespaces and cluster-scoped kinds
 * @param labels the label selector
 * @param fields the field selector
 */
record Selection(String namespace, LabelSelector labels, FieldSelector fields) {
    static Selection everything(String namespace) {
        return new Selection(namespace, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING);
    }

    boolean matches(StoredObject object) {
        return (namespace == null || namespace.equals(object.namespace()))
                && labels.matches(object.labels())
                && fields.matches(object.node());
    }
}
