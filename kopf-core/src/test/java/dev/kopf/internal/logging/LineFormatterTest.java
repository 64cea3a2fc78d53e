package dev.kopf.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineFormatterTest {

    private static final Instant TIME = Instant.parse("2019-02-25T14:06:54.742Z");
    private static final ObjectRef OBJECT = new ObjectRef("kopf.dev/v1", "KopfExample",
            "kopf-example-1", "6f8d1c2e-0000-4000-8000-000000000001", "default");

    private static String format(LogConfig config, LogRecord record) {
        return new LineFormatter(config, ZoneOffset.UTC).format(record);
    }

    private static LogRecord record(String logger, LogLevel level, String message,
            ObjectRef object) {
        return new LogRecord(TIME, logger, level, message, object, null);
    }

    @Test
    void fullFormatIsKopfsWithThePrefix() {
        String line = format(LogConfig.defaults(), record("kopf.objects", LogLevel.INFO,
                "Handler 'createFn' succeeded.", OBJECT));

        assertThat(line).isEqualTo("[2019-02-25 14:06:54,742] kopf.objects         [INFO    ] "
                + "[default/kopf-example-1] Handler 'createFn' succeeded.");
    }

    @Test
    void fullFormatCutsLongLoggerNamesAt20Characters() {
        String line = format(LogConfig.defaults(), record("kopf.activities.authentication",
                LogLevel.INFO, "Client is configured via kubeconfig file.", null));

        assertThat(line).isEqualTo("[2019-02-25 14:06:54,742] kopf.activities.auth [INFO    ] "
                + "Client is configured via kubeconfig file.");
    }

    @ParameterizedTest
    @CsvSource({
        "TRACE, '[TRACE   ]'",
        "DEBUG, '[DEBUG   ]'",
        "INFO, '[INFO    ]'",
        "WARNING, '[WARNING ]'",
        "ERROR, '[ERROR   ]'",
        "CRITICAL, '[CRITICAL]'",
    })
    void fullFormatNamesLevelsAsPython(LogLevel level, String rendered) {
        String line = format(LogConfig.defaults(), record("kopf", level, "m", null));

        assertThat(line).isEqualTo("[2019-02-25 14:06:54,742] kopf                 "
                + rendered + " m");
    }

    @Test
    void clusterScopedObjectsArePrefixedWithTheNameOnly() {
        ObjectRef clusterScoped = new ObjectRef("v1", "Namespace", "ns1", null, null);

        String line = format(LogConfig.defaults().withFormat(LogFormat.PLAIN),
                record("kopf.objects", LogLevel.INFO, "Hello.", clusterScoped));

        assertThat(line).isEqualTo("[ns1] Hello.");
    }

    @Test
    void plainFormatIsTheMessageWithThePrefix() {
        LogConfig plain = LogConfig.defaults().withFormat(LogFormat.PLAIN);

        assertThat(format(plain, record("kopf.objects", LogLevel.WARNING, "Hi.", OBJECT)))
                .isEqualTo("[default/kopf-example-1] Hi.");
        assertThat(format(plain, record("kopf.cli", LogLevel.WARNING, "Hi.", null)))
                .isEqualTo("Hi.");
    }

    @Test
    void prefixCanBeTurnedOff() {
        LogConfig config = LogConfig.defaults().withFormat(LogFormat.PLAIN).withPrefix(false);

        assertThat(format(config, record("kopf.objects", LogLevel.INFO, "Hi.", OBJECT)))
                .isEqualTo("Hi.");
    }

    @Test
    void jsonFormatHasMessageTimestampObjectAndSeverity() {
        LogConfig json = LogConfig.defaults().withFormat(LogFormat.JSON);

        String line = format(json, record("kopf.objects", LogLevel.WARNING,
                "Handler 'createFn' failed temporarily: \"not yet\".", OBJECT));

        assertThat(line).isEqualTo("{\"message\": \"Handler 'createFn' failed temporarily: "
                + "\\\"not yet\\\".\", \"timestamp\": \"2019-02-25T14:06:54.742000+00:00\", "
                + "\"object\": {\"apiVersion\": \"kopf.dev/v1\", \"kind\": \"KopfExample\", "
                + "\"name\": \"kopf-example-1\", \"uid\": \"6f8d1c2e-0000-4000-8000-000000000001\""
                + ", \"namespace\": \"default\"}, \"severity\": \"warn\"}");
    }

    @Test
    void jsonFormatWithoutObjectHasNoReference() {
        LogConfig json = LogConfig.defaults().withFormat(LogFormat.JSON);

        String line = format(json, record("kopf.cli", LogLevel.CRITICAL, "Bye.", null));

        assertThat(line).isEqualTo("{\"message\": \"Bye.\", \"timestamp\": "
                + "\"2019-02-25T14:06:54.742000+00:00\", \"severity\": \"fatal\"}");
    }

    @Test
    void jsonFormatUsesTheRefkeyAndNullsForUnknownFields() {
        LogConfig json = LogConfig.defaults().withFormat(LogFormat.JSON).withRefkey("k8s");
        ObjectRef partial = new ObjectRef(null, null, "n", null, null);

        String line = format(json, record("kopf.objects", LogLevel.DEBUG, "x", partial));

        assertThat(line).contains(", \"k8s\": {\"apiVersion\": null, \"kind\": null, "
                + "\"name\": \"n\", \"uid\": null, \"namespace\": null}, "
                + "\"severity\": \"debug\"}");
    }

    @Test
    void jsonFormatCanBePrefixed() {
        LogConfig json = LogConfig.defaults().withFormat(LogFormat.JSON).withPrefix(true);

        String line = format(json, record("kopf.objects", LogLevel.INFO, "Hi.", OBJECT));

        assertThat(line).startsWith("{\"message\": \"[default/kopf-example-1] Hi.\", ");
    }

    @Test
    void jsonEscapesControlAndNonAsciiCharactersAsPython() {
        StringBuilder out = new StringBuilder();

        LineFormatter.jsonString(out, "a\nb\t\u0001é€\\");

        assertThat(out).hasToString("\"a\\nb\\t\\u0001\\u00e9\\u20ac\\\\\"");
    }

    @Test
    void jsonTimestampOmitsZeroMicrosecondsAsPython() {
        LogConfig json = LogConfig.defaults().withFormat(LogFormat.JSON);
        LogRecord whole = new LogRecord(Instant.parse("2019-02-25T14:06:54Z"), "kopf",
                LogLevel.INFO, "m", null, null);

        assertThat(format(json, whole)).contains("\"timestamp\": \"2019-02-25T14:06:54+00:00\"");
    }

    @Test
    void stackTracesFollowTheLine() {
        LogRecord failed = new LogRecord(TIME, "kopf.objects", LogLevel.ERROR,
                "Handler 'createFn' failed with an exception.", OBJECT,
                new IllegalStateException("boom"));

        String text = format(LogConfig.defaults().withFormat(LogFormat.PLAIN), failed);

        assertThat(text.lines().toList()).first()
                .isEqualTo("[default/kopf-example-1] Handler 'createFn' failed with an "
                        + "exception.");
        assertThat(text.lines().toList().get(1))
                .isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(text).doesNotEndWith("\n");
    }

    @Test
    void jsonPutsTheStackTraceInExcInfo() {
        LogRecord failed = new LogRecord(TIME, "kopf", LogLevel.ERROR, "Failed.", null,
                new IllegalStateException("boom"));

        String line = format(LogConfig.defaults().withFormat(LogFormat.JSON), failed);

        assertThat(line).startsWith("{\"message\": \"Failed.\", \"exc_info\": "
                + "\"java.lang.IllegalStateException: boom\\n\\tat ");
        assertThat(line).doesNotContain("\n");
    }
}
