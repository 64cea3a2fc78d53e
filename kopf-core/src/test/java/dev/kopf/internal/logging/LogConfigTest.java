package dev.kopf.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void clientLibrariesStayAtWarningUnlessDebugging() {
        LogConfig verbose = LogConfig.defaults().withLevel(LogLevel.DEBUG);

        assertThat(verbose.thresholdFor("io.fabric8.kubernetes.client.Watch"))
                .isEqualTo(LogLevel.WARNING);
        assertThat(verbose.thresholdFor("io.vertx.core.net")).isEqualTo(LogLevel.WARNING);
        assertThat(verbose.thresholdFor("io.netty")).isEqualTo(LogLevel.WARNING);
        assertThat(verbose.thresholdFor("okhttp3.OkHttpClient")).isEqualTo(LogLevel.WARNING);
        assertThat(verbose.thresholdFor("kopf.objects")).isEqualTo(LogLevel.DEBUG);
        assertThat(verbose.thresholdFor("io.fabric8x")).isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void debuggingOpensTheClientLibraries() {
        LogConfig debug = LogConfig.defaults().withLevel(LogLevel.DEBUG)
                .withLibraryLevel(LogLevel.DEBUG);

        assertThat(debug.thresholdFor("io.fabric8.kubernetes")).isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void quietAppliesToClientLibrariesToo() {
        LogConfig quiet = LogConfig.defaults().withLevel(LogLevel.ERROR);

        assertThat(quiet.thresholdFor("io.fabric8")).isEqualTo(LogLevel.ERROR);
    }

    @Test
    void onlyJsonIsUnprefixedByDefault() {
        assertThat(LogConfig.defaults().isPrefixed()).isTrue();
        assertThat(LogConfig.defaults().withFormat(LogFormat.PLAIN).isPrefixed()).isTrue();
        assertThat(LogConfig.defaults().withFormat(LogFormat.JSON).isPrefixed()).isFalse();
        assertThat(LogConfig.defaults().withFormat(LogFormat.JSON).withPrefix(true)
                .isPrefixed()).isTrue();
    }
}
