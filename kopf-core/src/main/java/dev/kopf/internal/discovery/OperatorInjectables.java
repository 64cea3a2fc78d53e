package dev.kopf.internal.discovery;

import dev.kopf.Memo;
import dev.kopf.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The operator-level values a handler class's constructor may ask for.
 *
 * <p>Given by the runtime to {@link HandlerDiscovery#register}; each handler class is created
 * once per operator with the values its public constructor declares, by type.
 *
 * @param client the operator's client; may be {@code null} in tests
 * @param settings the operator's settings; may be {@code null} in tests
 * @param memo the operator's memo; may be {@code null} in tests
 */
public record OperatorInjectables(KubernetesClient client, OperatorSettings settings,
        Memo memo) {
}
