package dev.kopf.internal.reactor;

import dev.kopf.Memo;
import dev.kopf.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an operator is built from, as given to {@code Operator.Builder}.
 *
 * @param client the client, or {@code null} to auto-configure one
 * @param classes handler classes
 * @param classpath jars or folders to scan for handler classes
 * @param namespaces namespace patterns; empty with {@code clusterwide}
 * @param clusterwide whether to watch cluster-wide
 * @param settings the settings
 * @param memo the operator memo
 * @param idleStop stop once idle for this long; {@code null} to run until stopped
 */
public record ReactorConfig(KubernetesClient client, List<Class<?>> classes, List<Path> classpath,
        List<String> namespaces, boolean clusterwide, dev.kopf.OperatorSettings settings,
        Memo memo, Duration idleStop) {

    /** Copies the lists. */
    public ReactorConfig {
        classes = List.copyOf(classes);
        classpath = List.copyOf(classpath);
        namespaces = List.copyOf(namespaces);
    }

    OperatorSettings operatorSettings() {
        return settings;
    }
}
