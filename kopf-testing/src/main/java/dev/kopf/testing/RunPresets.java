package dev.kopf.testing;

import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import dev.kopf.testing.internal.cli.LaunchControls;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * What a {@link KopfRunner.Builder} collected besides the arguments: turned into an
 * {@link Operator.Builder} for a run of the Operator API, or checked against a command run,
 * which takes only handler classes, a client and settings as presets.
 */
record RunPresets(List<Class<?>> handlers, List<Object> instances, List<String> namespaces,
        KubernetesClient client, OperatorSettings settings, boolean clusterwide,
        MeterRegistry registry) {

    RunPresets {
        handlers = List.copyOf(handlers);
        instances = List.copyOf(instances);
        namespaces = List.copyOf(namespaces);
    }

    Operator.Builder operatorBuilder(LaunchControls controls) {
        Operator.Builder operator = Operator.builder()
                .handlers(handlers.toArray(Class<?>[]::new))
                .handlers(instances.toArray())
                .namespaces(namespaces)
                .outcomeListener(controls.outcomeListener());
        if (clusterwide) {
            operator.clusterwide();
        }
        if (client != null) {
            operator.client(client);
        }
        if (settings != null) {
            operator.settings(settings);
        }
        if (registry != null) {
            operator.meterRegistry(registry);
        }
        return operator;
    }

    /** Refuses the presets that a command run cannot take: they are its options there. */
    void checkForCommand() {
        if (!instances.isEmpty()) {
            throw new IllegalStateException("With args(...), handler objects cannot be"
                    + " given; give handler classes, or run without args(...).");
        }
        if (registry != null) {
            throw new IllegalStateException("meterRegistry() is for runs of the Operator "
                    + "API; with args(...), serve the meters with --metrics.");
        }
        if (clusterwide || !namespaces.isEmpty()) {
            throw new IllegalStateException("With args(...), choose namespaces with -n or "
                    + "-A in the arguments, not with namespaces() or clusterwide().");
        }
    }
}
