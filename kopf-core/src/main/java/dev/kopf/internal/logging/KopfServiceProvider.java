package dev.kopf.internal.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Kopf's SLF4J 2 backend, found by SLF4J through {@code META-INF/services} in kopf-cli and
 * kopf-testing (not kopf-core, so that applications embedding the runtime keep theirs).
 * Public only because {@link java.util.ServiceLoader} requires it.
 */
public final class KopfServiceProvider implements SLF4JServiceProvider {

    /** SLF4J API version this provider is compiled against. */
    public static final String REQUESTED_API_VERSION = "2.0.99";

    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    private final MDCAdapter mdcAdapter = new KopfMdcAdapter();

    /** Creates the provider; SLF4J calls this through {@link java.util.ServiceLoader}. */
    public KopfServiceProvider() {
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return LogBackend.factory();
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    @Override
    public void initialize() {
        // Nothing to load: the configuration starts as LogConfig.defaults().
    }
}
