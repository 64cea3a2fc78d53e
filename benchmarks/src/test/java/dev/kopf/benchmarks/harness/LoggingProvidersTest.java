package dev.kopf.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;

/** One SLF4J backend on the test class path, so SLF4J prints no "multiple providers". */
class LoggingProvidersTest {

    @Test
    void theTestsHaveExactlyOneLoggingBackend() {
        assertThat(ServiceLoader.load(SLF4JServiceProvider.class).stream()
                .map(provider -> provider.type().getName()).toList())
                .containsExactly("dev.kopf.internal.logging.KopfServiceProvider");
    }
}
