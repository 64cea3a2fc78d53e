package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OperatorSettings;
import dev.kopf.WebhookServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The webhook options of {@code kopf run}: what settings they make, and usage errors. */
class AdmissionOptionsTest {

    private static AdmissionOptions parse(String... args) {
        AdmissionOptions options = new AdmissionOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void giveAServerWithPresetPortAndManagedConfigurations() {
        OperatorSettings settings = parse("--webhook-server", "k3d", "--webhook-port", "8443",
                "--webhook-managed", "auto.kopf.dev", "--webhook-extra-san", "example.com")
                .apply(OperatorSettings.defaults());
        WebhookServer server = settings.admission().server();
        assertThat(server.preset()).isEqualTo(WebhookServer.Preset.K3D);
        assertThat(server.port()).isEqualTo(8443);
        assertThat(server.address()).isEqualTo("0.0.0.0");
        assertThat(server.extraSans()).containsExactly("example.com");
        assertThat(settings.admission().managed()).isEqualTo("auto.kopf.dev");
    }

    @Test
    void defaultToPort9443AndKeepTheSettingsWithoutOptions() {
        assertThat(parse("--webhook-server", "local").apply(OperatorSettings.defaults())
                .admission().server().port()).isEqualTo(9443);
        assertThat(parse().isGiven()).isFalse();
        assertThat(parse("--webhook-server", "auto", "--webhook-cert", "c.pem",
                "--webhook-key", "k.pem").apply(OperatorSettings.defaults()).admission()
                .server().certFile()).isEqualTo(Path.of("c.pem"));
    }

    @Test
    void rejectUnknownModesAndHalfCertificatesAsUsageErrors() {
        CommandLine line = new CommandLine(new AdmissionOptions());
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> parse(
                "--webhook-server", "ngrok").check(line)))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--webhook-server must be one of local, k3d, minikube,"
                        + " docker-desktop, auto, service: ngrok.");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> parse(
                "--webhook-server", "local", "--webhook-cert", "c.pem").check(line)))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("go together");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> parse(
                "--webhook-server", "service").check(line)))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("needs --webhook-service NAMESPACE/NAME");
    }

    @Test
    void serviceModeListensBehindTheNamedService() {
        OperatorSettings settings = parse("--webhook-server", "service", "--webhook-service",
                "ops/kopf-operator", "--webhook-port", "8443")
                .apply(OperatorSettings.defaults());
        WebhookServer server = settings.admission().server();
        assertThat(server.service()).isEqualTo(
                new WebhookServer.ServiceReference("ops", "kopf-operator", 443));
        assertThat(server.port()).isEqualTo(8443);
        assertThat(server.address()).isEqualTo("0.0.0.0");
    }
}
