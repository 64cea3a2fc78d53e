package dev.kopf.cli;

import dev.kopf.Operator;
import dev.kopf.internal.engines.EndpointServer;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kopf run --metrics URL} and {@code --readiness URL}, as a picocli mixin: the
 * Prometheus text format of the operator's meters, and the readiness endpoint. Both share
 * the liveness server ({@code -L}) when host and port are equal. Bad URLs are usage errors.
 */
final class ObservabilityOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private String metrics;
    private String readiness;

    @Option(order = 11, names = "--metrics", paramLabel = "URL",
            description = "Serve the operator's metrics in Prometheus' text format at this "
                    + "URL, e.g. http://0.0.0.0:9090/metrics (may share -L's host and port).")
    void metrics(String url) {
        metrics = checked("--metrics", "metrics", url);
    }

    @Option(order = 12, names = "--readiness", paramLabel = "URL",
            description = "Serve the readiness endpoint at this URL (200 once every watch "
                    + "stream has listed and the indexes are complete), e.g. "
                    + "http://0.0.0.0:8080/readyz.")
    void readiness(String url) {
        readiness = checked("--readiness", "readiness", url);
    }

    // Only http:// is served, as for -L.
    private String checked(String option, String endpoint, String url) {
        try {
            return EndpointServer.check(endpoint, url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for " + option
                    + ": " + e.getMessage());
        }
    }

    /**
     * Gives the operator a Prometheus registry and its endpoint, and the readiness one.
     *
     * @param builder the operator's builder
     */
    void applyTo(Operator.Builder builder) {
        if (metrics != null) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(
                    PrometheusConfig.DEFAULT);
            // Micrometer's default pause detector runs threads that wake every 100 ms to
            // correct timers for JVM pauses: a cost the handler timings do not need.
            registry.config().pauseDetector(new NoPauseDetector());
            builder.meterRegistry(registry).metrics(metrics, registry::scrape);
        }
        if (readiness != null) {
            builder.readiness(readiness);
        }
    }
}
