package dev.kopf.internal.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.ConnectionInfo;
import dev.kopf.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients from a login handler's credentials take certificates as a kubeconfig holds them:
 * base64 data or file paths, and PEM text too.
 */
class ConnectionsTest {

    @TempDir
    static Path temp;

    private static String certificatePem;
    private static String keyPem;

    // A throw-away self-signed pair, made by the JDK's keytool: no key is kept in the sources.
    @BeforeAll
    static void makeACertificate() throws Exception {
        Path store = temp.resolve("test.p12");
        Process keytool = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=kopf-test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var input = Files.newInputStream(store)) {
            keys.load(input, "changeit".toCharArray());
        }
        certificatePem = pem("CERTIFICATE", keys.getCertificate("test").getEncoded());
        keyPem = pem("PRIVATE KEY", keys.getKey("test", "changeit".toCharArray()).getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static KubernetesClient client(ConnectionInfo info) {
        return Connections.fromLogin(info, new Vault(() -> { }), OperatorSettings.defaults());
    }

    @Test
    void theOperatorsClientsWatchOverPlainHttp() {
        // The handlers get this client: their watches must not lose a first event either.
        ConnectionInfo info = ConnectionInfo.builder().server("https://127.0.0.1:1").build();
        try (KubernetesClient client = client(info)) {
            assertThat(client.getConfiguration().isOnlyHttpWatches()).isTrue();
        }
        try (KubernetesClient client = Connections.autoConfigured(OperatorSettings.defaults())) {
            assertThat(client.getConfiguration().isOnlyHttpWatches()).isTrue();
        }
        io.fabric8.kubernetes.client.Config given = io.fabric8.kubernetes.client.Config.empty();
        try (KubernetesClient client = Connections.watchingOverHttp(given)) {
            assertThat(client.getConfiguration().isOnlyHttpWatches()).isTrue();
            assertThat(given.isOnlyHttpWatches()).isFalse();
        }
    }

    @Test
    void kubeconfigDataFieldsAreTakenAsTheyAre() {
        ConnectionInfo info = ConnectionInfo.builder().server("https://127.0.0.1:1")
                .caData(base64(certificatePem))
                .clientCertificateData(base64(certificatePem), base64(keyPem)).build();

        try (KubernetesClient client = client(info)) {
            assertThat(client.getConfiguration().getClientCertData())
                    .isEqualTo(base64(certificatePem));
            assertThat(client.getConfiguration().getClientKeyData()).isEqualTo(base64(keyPem));
            assertThat(client.getConfiguration().getCaCertData())
                    .isEqualTo(base64(certificatePem));
        }
    }

    @Test
    void pemTextIsTakenToo() {
        ConnectionInfo info = ConnectionInfo.builder().server("https://127.0.0.1:1")
                .caData(certificatePem).clientCertificateData(certificatePem, keyPem).build();

        try (KubernetesClient client = client(info)) {
            assertThat(client.getConfiguration().getClientCertData())
                    .isEqualTo(base64(certificatePem.strip()));
        }
    }

    @Test
    void filePathsAreTaken() throws Exception {
        Path certificate = Files.writeString(temp.resolve("client.crt"), certificatePem);
        Path key = Files.writeString(temp.resolve("client.key"), keyPem);
        ConnectionInfo info = ConnectionInfo.builder().server("https://127.0.0.1:1")
                .caPath(certificate.toString())
                .clientCertificateFiles(certificate.toString(), key.toString()).build();

        try (KubernetesClient client = client(info)) {
            assertThat(client.getConfiguration().getClientCertFile())
                    .isEqualTo(certificate.toString());
        }
    }

    @Test
    void theClientReadsTheCertificatesWhenItIsBuilt() {
        String broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        ConnectionInfo info = ConnectionInfo.builder().server("https://127.0.0.1:1")
                .clientCertificateData(base64(broken), base64(keyPem)).build();

        // So the tests above prove that fabric8 could read what it was given.
        assertThatThrownBy(() -> client(info).close()).isInstanceOf(RuntimeException.class);
    }

    @Test
    void dataThatIsNeitherPemNorBase64IsRefusedWithASentence() {
        ConnectionInfo info = ConnectionInfo.builder().server("https://127.0.0.1:1")
                .caData("not a certificate").build();

        assertThatThrownBy(() -> client(info)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ConnectionInfo holds certificate or key data that is neither PEM"
                        + " text nor base64 of it. Give what a kubeconfig's *-data field"
                        + " holds, or the PEM text.");
    }

    @Test
    void aPathAndDataForOneCertificateAreRefusedAsKopfDoes() {
        assertThatThrownBy(() -> ConnectionInfo.builder().server("https://127.0.0.1:1")
                .caPath("/ca.crt").caData(certificatePem).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Both CA path & data are set. Need only one.");
    }
}
