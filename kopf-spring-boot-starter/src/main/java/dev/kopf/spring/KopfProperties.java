package dev.kopf.spring;

import dev.kopf.Lifecycle;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code kopf.*} application properties.
 *
 * <pre>
 * kopf.namespaces=default,team-*
 * kopf.execution.lifecycle=one-by-one
 * kopf.execution.default-backoff=10s
 * </pre>
 *
 * @param enabled whether the starter makes and runs an operator; {@code true} by default
 * @param namespaces the namespaces to serve, as {@code kopf run -n} (names or globs)
 * @param clusterwide whether to serve all namespaces, as {@code kopf run -A}
 * @param liveness the liveness endpoint's URL, as {@code kopf run -L}; empty for none
 * @param execution the execution settings
 * @since 0.2
 */
@ConfigurationProperties("kopf")
public record KopfProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue List<String> namespaces, @DefaultValue("false") boolean clusterwide,
        @DefaultValue("") String liveness, @DefaultValue Execution execution) {

    /**
     * The {@code kopf.execution.*} properties, as {@code ExecutionSettings}.
     *
     * @param defaultBackoff the retry delay after unexpected exceptions; unset for 60 s
     * @param maxWorkers the pool size on Java 17; 0 for the default
     * @param lifecycle which due handlers run per cycle; unset for {@code all-at-once}
     * @since 0.2
     */
    public record Execution(Duration defaultBackoff, @DefaultValue("0") int maxWorkers,
            Lifecycle lifecycle) {
    }
}
