package dev.kopf.cli;

import dev.kopf.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
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
        metrics = checked("--metrics", url);
    }

    @Option(order = 12, names = "--readiness", paramLabel = "URL",
            description = "Serve the readiness endpoint at this URL (200 once every watch "
                    + "stream has listed and the indexes are complete), e.g. "
                    + "http://0.0.0.0:8080/readyz.")
    void readiness(String url) {
        readiness = checked("--readiness", url);
    }

    // Only http:// is served, as for -L.
    private String checked(String option, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "Invalid value for " + option
                    + ": " + url + ". Give an http:// URL, e.g. http://0.0.0.0:9090/metrics.");
        }
        return url;
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
            builder.meterRegistry(registry).metrics(metrics, registry::scrape);
        }
        if (readiness != null) {
            builder.readiness(readiness);
        }
    }
}
