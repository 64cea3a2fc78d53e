package dev.kopf.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OperatorSettings;
import dev.kopf.cli.Main;
import dev.kopf.testing.EmbeddedKubernetes;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example with the RBAC that {@code kopf manifests} generates for it, on the embedded
 * API server in its RBAC mode: the operator runs as the generated ServiceAccount, handles the
 * example object, and is refused nothing. A deliberately narrowed role is refused, in one
 * log line that names the missing permission.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesRbacIT {

    private static final Path EXAMPLES = Path.of("..");
    private static final Path CRD = EXAMPLES.resolve("crd.yaml");
    private static final Duration WAIT = Examples.WAIT;
    private static final String PREFIX = "[default/kopf-example-1] ";
    private static final Set<String> RBAC_KINDS = Set.of("ServiceAccount", "Role",
            "RoleBinding", "ClusterRole", "ClusterRoleBinding");
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w$.<>/]+\\(");

    /** API calls that the examples' handlers make themselves, which no scan can see. */
    private static final Map<String, List<String>> HANDLERS_OWN_CALLS = Map.of(
            "02-children", List.of("pods:create"),
            "99-all-at-once", List.of("pods:create"));

    private static final OperatorSettings SETTINGS = OperatorSettings.builder()
            .execution(e -> e.withDefaultBackoff(Duration.ofSeconds(1)))
            .watching(w -> w.withServerTimeout(Duration.ofSeconds(10)))
            .build();

    private EmbeddedKubernetes server;
    private KubernetesClient admin;

    @BeforeAll
    void startServer() throws IOException {
        server = EmbeddedKubernetes.startWithRbac();
        admin = server.newClient();
        try (InputStream crd = Files.newInputStream(CRD)) {
            admin.load(crd).create();
        }
    }

    @AfterAll
    void stopServer() {
        admin.close();
        server.close();
    }

    /**
     * The examples that run against the example object with {@code kopf run}; those with
     * tests of their own, and 13-hooks (whose login handler picks its own credentials), are
     * counted in {@link #rulesPerExample()} only.
     */
    static Stream<E2EConfig> runnable() {
        return Examples.ALL.stream().filter(config -> config.ownTest() == null
                && config.setup() == null);
    }

    /** An operator identity: a fresh namespace with the generated objects applied. */
    private record Identity(String namespace, String name, List<HasMetadata> objects) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnable")
    void runsWithItsGeneratedRbacAndIsRefusedNothing(E2EConfig config) throws Exception {
        Path classes = classesOf(config.example());
        HandlerScan parser = HandlerScan.of(classes);
        Identity identity = identity(config.example(), null, "-A");
        List<HasMetadata> objects = load(EXAMPLES.resolve("obj.yaml"));
        String output;
        try (KubernetesClient operator = server.newClient(token(identity));
                KopfRunner runner = run(operator, classes)) {
            assertThat(runner.awaitReady(WAIT)).as(runner::output).isTrue();
            ExamplesIT.awaitEvery(runner, config.startupStopWords());
            admin.resourceList(objects).create();
            ExamplesIT.awaitEvery(runner, ExamplesIT.creationStopWords(config, parser));
            admin.resourceList(objects).delete();
            awaitGone(objects);
            ExamplesIT.awaitEvery(runner, ExamplesIT.deletionStopWords(config, parser));
            output = runner.output();
        } finally {
            forget(identity, objects);
        }
        assertThat(output).doesNotContain("forbidden", "Forbidden", " 403");
    }

    @Test
    void aNarrowedRoleIsRefusedInOneLineNamingThePermission() throws Exception {
        Path classes = classesOf("01-minimal");
        Identity identity = identity("01-minimal", "kopfexamples/status", "-A");
        List<HasMetadata> objects = load(EXAMPLES.resolve("obj.yaml"));
        String denial = "Processing of kopfexamples default/kopf-example-1 is forbidden; it "
                + "will be retried in ";
        String output;
        try (KubernetesClient operator = server.newClient(token(identity));
                KopfRunner runner = run(operator, classes)) {
            assertThat(runner.awaitReady(WAIT)).as(runner::output).isTrue();
            admin.resourceList(objects).create();
            assertThat(runner.awaitOutput(denial, WAIT)).as(runner::output).isTrue();
            output = runner.output();
        } finally {
            forget(identity, objects);
        }
        String line = output.lines().filter(l -> l.contains(denial)).findFirst().orElseThrow();
        assertThat(line).contains("User \"system:serviceaccount:" + identity.namespace() + ":"
                + identity.name() + "\" cannot patch resource \"kopfexamples/status\" in API "
                + "group \"kopf.dev\" in the namespace \"default\"");
        assertThat(STACK_TRACE.matcher(output).find()).as(output).isFalse();
    }

    /** Plain names need Roles in those namespaces only; globs list the namespaces. */
    @ParameterizedTest(name = "-n {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"default", "def*,!kube-*"})
    void aNamespacedOperatorNeedsNoMoreThanItsRoles(String namespaces) throws Exception {
        Path classes = classesOf("05-handlers");
        Identity identity = identity("05-handlers", null, "-n", namespaces);
        assertThat(identity.objects()).extracting(HasMetadata::getKind)
                .contains(namespaces.contains("*") ? "ClusterRole" : "Role");
        List<HasMetadata> objects = load(EXAMPLES.resolve("obj.yaml"));
        String output;
        try (KubernetesClient operator = server.newClient(token(identity));
                KopfRunner runner = run(operator, classes, "-n", namespaces)) {
            assertThat(runner.awaitReady(WAIT)).as(runner::output).isTrue();
            admin.resourceList(objects).create();
            assertThat(runner.awaitOutput(PREFIX + "Creation is processed:", WAIT))
                    .as(runner::output).isTrue();
            admin.resourceList(objects).delete();
            awaitGone(objects);
            assertThat(runner.awaitOutput(PREFIX + "Deleted, really deleted", WAIT))
                    .as(runner::output).isTrue();
            output = runner.output();
        } finally {
            forget(identity, objects);
        }
        assertThat(output).doesNotContain("forbidden", "Forbidden", " 403");
    }

    @Test
    void rulesPerExample() throws IOException {
        List<String> table = new ArrayList<>(List.of("| Example | RBAC rules |", "|---|---:|"));
        for (E2EConfig config : Examples.ALL) {
            String yaml = manifests(config.example(), "rules", "kopf-operator", "-A");
            int rules = 0;
            for (HasMetadata object : parse(yaml)) {
                if (object instanceof ClusterRole role) {
                    rules += role.getRules().size();
                } else if (object instanceof io.fabric8.kubernetes.api.model.rbac.Role role) {
                    rules += role.getRules().size();
                }
            }
            assertThat(rules).as(config.example()).isPositive();
            table.add("| " + config.example() + " | " + rules + " |");
        }
        Path report = Path.of("target", "rbac-rules-per-example.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, String.join("\n", table) + "\n");
    }

    /** A token for the identity's ServiceAccount, asked for as on a cluster (TokenRequest). */
    private String token(Identity identity) {
        return admin.serviceAccounts().inNamespace(identity.namespace()).withName(identity.name())
                .tokenRequest(new TokenRequestBuilder().build()).getStatus().getToken();
    }

    private static Path classesOf(String example) {
        Path classes = EXAMPLES.resolve(example).resolve("target").resolve("classes");
        assertThat(classes).as("Build the examples first: mvn install -pl examples -amd")
                .isDirectory();
        return classes;
    }

    private KopfRunner run(KubernetesClient operator, Path classes, String... scope) {
        List<String> args = new ArrayList<>(List.of("run", "--standalone", "--verbose"));
        args.addAll(scope.length == 0 ? List.of("--all-namespaces") : List.of(scope));
        args.add(classes.toString());
        return KopfRunner.builder().args(args.toArray(String[]::new))
                .client(operator).settings(SETTINGS).timeout(WAIT).noReraise().start();
    }

    /** Generates the example's manifests and applies its RBAC, less one resource's rule. */
    private Identity identity(String example, String withoutResource, String... scope)
            throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String namespace = "operators-" + suffix;
        String name = "kopf-" + suffix;
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(namespace).endMetadata().build()).create();
        List<HasMetadata> applied = new ArrayList<>();
        for (HasMetadata object : parse(manifests(example, namespace, name, scope))) {
            if (!RBAC_KINDS.contains(object.getKind())) {
                continue;
            }
            if (object instanceof ClusterRole role) {
                role.getRules().removeIf(rule -> rule.getResources().contains(withoutResource));
            } else if (object instanceof io.fabric8.kubernetes.api.model.rbac.Role role) {
                role.getRules().removeIf(rule -> rule.getResources().contains(withoutResource));
            }
            applied.add(admin.resource(object).create());
        }
        return new Identity(namespace, name, applied);
    }

    private String manifests(String example, String namespace, String name, String... scope) {
        List<String> args = new ArrayList<>(List.of("manifests",
                classesOf(example).toString(), "--apply", CRD.toString(),
                "--operator-namespace", namespace, "--name", name));
        args.addAll(List.of(scope));
        for (String rule : HANDLERS_OWN_CALLS.getOrDefault(example, List.of())) {
            args.add("--rule=" + rule);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Main.execute(args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exitCode).as(() -> err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<HasMetadata> parse(String yaml) {
        return admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .items();
    }

    private List<HasMetadata> load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return admin.load(in).items();
        }
    }

    private void awaitGone(List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            admin.resource(object).waitUntilCondition(o -> o == null, WAIT.toSeconds(),
                    TimeUnit.SECONDS);
        }
    }

    /** Removes the example objects (finalizers and all) and the operator's identity. */
    private void forget(Identity identity, List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            try {
                admin.resource(object).patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"finalizers\":null}}");
                admin.resource(object).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        awaitGone(objects);
        for (HasMetadata object : identity.objects()) {
            admin.resource(object).delete();
        }
        admin.namespaces().withName(identity.namespace()).delete();
    }
}
