package dev.kopf.spring;

import dev.kopf.ExecutionSettings;
import dev.kopf.OperatorSettings;

/** Applies the {@code kopf.*} properties over the base settings: only what is set. */
final class PropertySettings {

    private PropertySettings() {
    }

    static OperatorSettings apply(KopfProperties properties, OperatorSettings base) {
        KopfProperties.Execution execution = properties.execution();
        if (execution == null) {
            return base;
        }
        return base.toBuilder().execution(e -> {
            ExecutionSettings result = e;
            if (execution.defaultBackoff() != null) {
                result = result.withDefaultBackoff(execution.defaultBackoff());
            }
            if (execution.maxWorkers() > 0) {
                result = result.withMaxWorkers(execution.maxWorkers());
            }
            if (execution.lifecycle() != null) {
                result = result.withLifecycle(execution.lifecycle());
            }
            return result;
        }).build();
    }
}
