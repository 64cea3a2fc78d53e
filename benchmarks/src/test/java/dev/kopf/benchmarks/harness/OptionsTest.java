package dev.kopf.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreTheIssuesWorkload() throws Exception {
        Options options = Options.parse(new String[0]);
        assertThat(options.n()).isEqualTo(2000);
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.writers()).isEqualTo(16);
        assertThat(options.latencyIntervalMillis()).isEqualTo(50);
        assertThat(options.frameworks()).containsExactly(Framework.KOPF, Framework.JOSDK,
                Framework.RAW);
        assertThat(options.kubeconfig()).isNull();
        assertThat(options.timeoutSeconds()).isEqualTo(220);
    }

    @Test
    void optionsOverrideTheDefaults() throws Exception {
        Options options = Options.parse(new String[] {"--n", "500", "--rounds", "1",
            "--frameworks", "kopf,raw", "--scenarios", "backlog", "--kubeconfig", "/x/kc",
            "--kopf-java-opts", " -Xmx64m  -Xss512k ",
            "--kopf-args", "--metrics http://127.0.0.1:9090/metrics"});
        assertThat(options.n()).isEqualTo(500);
        assertThat(options.frameworks()).containsExactly(Framework.KOPF, Framework.RAW);
        assertThat(options.scenarios()).containsExactly(Scenario.BACKLOG);
        assertThat(options.kubeconfig()).isEqualTo(Path.of("/x/kc"));
        assertThat(options.kopfJavaOpts()).isEqualTo(List.of("-Xmx64m", "-Xss512k"));
        assertThat(options.kopfArgs())
                .isEqualTo(List.of("--metrics", "http://127.0.0.1:9090/metrics"));
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--n", "0"}))
                .hasMessage("--n must be > 0: 0.");
        assertThatThrownBy(() -> Options.parse(new String[] {"--frameworks", "go"}))
                .hasMessageContaining("Unknown framework: go");
        assertThatThrownBy(() -> Options.parse(new String[] {"--rounds"}))
                .hasMessageContaining("needs a value");
    }
}
