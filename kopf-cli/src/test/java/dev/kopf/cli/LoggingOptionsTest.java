package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.internal.logging.LogBackend;
import dev.kopf.internal.logging.LogConfig;
import dev.kopf.internal.logging.LogFormat;
import dev.kopf.internal.logging.LogLevel;
import dev.kopf.internal.logging.LogSinks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import picocli.CommandLine;

class LoggingOptionsTest {

    private static LogConfig parse(String... args) {
        LoggingOptions options = new LoggingOptions();
        CommandLine commandLine = new CommandLine(options);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.parseArgs(args);
        return options.toConfig(System.err);
    }

    @Test
    void levelsAreKopfs() {
        assertThat(parse().level()).isEqualTo(LogLevel.INFO);
        assertThat(parse("-v").level()).isEqualTo(LogLevel.DEBUG);
        assertThat(parse("--debug").level()).isEqualTo(LogLevel.DEBUG);
        assertThat(parse("-q").level()).isEqualTo(LogLevel.WARNING);
    }

    @Test
    void onlyDebugOpensTheClientLibraries() {
        assertThat(parse("-v").thresholdFor("io.fabric8.kubernetes")).isEqualTo(LogLevel.WARNING);
        assertThat(parse("-d").thresholdFor("io.fabric8.kubernetes")).isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void formatDefaultsToFull() {
        assertThat(parse().format()).isEqualTo(LogFormat.FULL);
        assertThat(parse("--log-format", "json").format()).isEqualTo(LogFormat.JSON);
        assertThat(parse("--log-format=plain").format()).isEqualTo(LogFormat.PLAIN);
    }

    @Test
    void prefixAndRefkeyAreKopfs() {
        assertThat(parse().prefix()).isNull();
        assertThat(parse("--log-prefix").prefix()).isTrue();
        assertThat(parse("--no-log-prefix").prefix()).isFalse();
        assertThat(parse().refkey()).isEqualTo("object");
        assertThat(parse("--log-refkey", "k8s").refkey()).isEqualTo("k8s");
    }

    @Test
    void kopfsBackendIsSlf4jsProviderAndRendersTheObjectFromMdc() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Consumer<String> sink = lines::add;
        LogConfig previous = LogBackend.configure(
                LogConfig.defaults().withFormat(LogFormat.PLAIN).withStream(System.out));
        LogSinks.add(sink);
        try {
            MDC.put("kopf.namespace", "default");
            MDC.put("kopf.name", "kopf-example-1");
            LoggerFactory.getLogger("kopf.objects").info("Handler '{}' succeeded.", "createFn");
        } finally {
            MDC.clear();
            LogSinks.remove(sink);
            LogBackend.configure(previous);
        }

        assertThat(LogBackend.isActive()).isTrue();
        assertThat(lines).containsExactly("[default/kopf-example-1] Handler 'createFn' succeeded.");
    }

    @Test
    void mdcIsNotInheritedByNewThreads() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        MDC.put("kopf.name", "parent");
        try {
            Thread child = new Thread(() -> seen.add(String.valueOf(MDC.get("kopf.name"))));
            child.start();
            child.join();
        } finally {
            MDC.clear();
        }

        assertThat(seen).containsExactly("null");
    }
}
