package dev.kopf.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OperatorSettings;
import dev.kopf.cli.Main;
import dev.kopf.testing.EmbeddedKubernetes;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
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

    /**
     * API calls that the examples make themselves, which no scan can see: their handlers'
     * (02, 10, 99), 12-embedded's application's (it creates and deletes its objects with the
     * operator's client), and 17-admission's choice of {@code WebhookServer.auto()} in its
     * startup handler, which lists the nodes to guess the cluster (the generated Deployment
     * uses {@code --webhook-server=service} instead).
     */
    private static final Map<String, List<String>> HANDLERS_OWN_CALLS = Map.of(
            "02-children", List.of("pods:create"),
            "10-builtins", List.of("pods:delete"),
            "12-embedded", List.of("kopfexamples.kopf.dev:create,delete"),
            "17-admission", List.of("nodes:list"),
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
     * tests of their own, and 13-hooks (whose login handler picks its own credentials), run
     * below, each as its own test drives it.
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

    /** What an example's own test does with the operator running; it records what it makes. */
    @FunctionalInterface
    private interface Drive {
        void drive(KopfRunner runner, List<HasMetadata> made) throws Exception;
    }

    /** What the process needs before the operator starts, given the operator's identity. */
    @FunctionalInterface
    private interface Prepare {
        void prepare(Identity identity) throws Exception;
    }

    /**
     * Runs the example as its own test does, but as the generated ServiceAccount, and checks
     * that the API server refused none of the operator's requests. Returns the operator's
     * output once it has stopped (cleanup handlers and all).
     */
    private String runAsItsOwnTestDoes(String example, Drive drive) throws Exception {
        return runAsItsOwnTestDoes(example, drive, identity -> { });
    }

    /** As {@link #runAsItsOwnTestDoes(String, Drive)}, preparing the process first. */
    private String runAsItsOwnTestDoes(String example, Drive drive, Prepare prepare)
            throws Exception {
        Path classes = classesOf(example);
        Identity identity = identity(example, null, "-A");
        List<HasMetadata> made = new ArrayList<>();
        String output;
        server.clearCalls();
        try (KubernetesClient operator = server.newClient(token(identity))) {
            prepare.prepare(identity);
            KopfRunner runner = run(operator, classes);
            try (runner) {
                assertThat(runner.awaitReady(WAIT)).as(runner::output).isTrue();
                drive.drive(runner, made);
            }
            assertThat(runner.exception()).as(runner::output).isNull();
            assertThat(runner.exitCode()).as(runner::output).isZero();
            output = runner.output();
        } finally {
            forget(identity, made);
        }
        assertRefusedNothing(output);
        return output;
    }

    private void assertRefusedNothing(String output) {
        assertThat(server.calls()).filteredOn(call -> call.code() == 403).as(output).isEmpty();
        assertThat(output).doesNotContain("forbidden", "Forbidden", " 403");
    }

    /** 09-testing's LoggingHandlersIT. */
    @Test
    void loggingHandlersAsItsOwnTestRunsThem() throws Exception {
        String output = runAsItsOwnTestDoes("09-testing", (runner, made) -> {
            List<HasMetadata> objects = load(EXAMPLES.resolve("obj.yaml"));
            made.addAll(objects);
            admin.resourceList(objects).create();
            ExamplesIT.awaitEvery(runner, List.of(PREFIX + "Creation is processed:"));
            admin.resourceList(objects).delete();
            awaitGone(objects);
        });
        assertThat(output).contains(PREFIX + "Creation is in progress:",
                PREFIX + "Something was logged here.");
    }

    /** 10-builtins' PodKillerIT: a pod's killing is scheduled and cancelled by its deletion. */
    @Test
    void podKillerAsItsOwnTestRunsIt() throws Exception {
        String[] prefix = new String[1];
        String output = runAsItsOwnTestDoes("10-builtins", (runner, made) -> {
            Pod pod = admin.resource(new PodBuilder().withNewMetadata()
                    .withGenerateName("kopf-pod-").withNamespace("default").endMetadata()
                    .withNewSpec().addNewContainer().withName("the-only-one")
                    .withImage("busybox").withCommand("sh", "-x", "-c", "sleep 1")
                    .endContainer().endSpec().build()).create();
            made.add(pod);
            prefix[0] = "[default/" + pod.getMetadata().getName() + "] ";
            ExamplesIT.awaitEvery(runner, List.of(prefix[0] + "=== Pod killing happens in 30s."));
            admin.resource(pod).delete();
            ExamplesIT.awaitEvery(runner, List.of(prefix[0] + "=== Pod killing is cancelled!"));
            awaitGone(List.of(pod));
        });
        assertThat(output).contains(prefix[0] + "Creation is in progress:",
                prefix[0] + "Deletion is in progress:")
                .doesNotContain(prefix[0] + "=== Pod killing happens NOW!");
    }

    /** 11-filtering-handlers' FilteredHandlersIT: exactly the matching handlers log. */
    @Test
    void filteredHandlersAsTheirOwnTestRunsThem() throws Exception {
        String output = runAsItsOwnTestDoes("11-filtering-handlers", (runner, made) -> {
            List<HasMetadata> objects = load(EXAMPLES.resolve("obj.yaml"));
            made.addAll(objects);
            HasMetadata object = objects.get(0);
            admin.resource(object).create();
            ExamplesIT.awaitEvery(runner, List.of(PREFIX + "Creation is processed:"));
            admin.resource(object).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"field\":\"changed\"}}");
            ExamplesIT.awaitEvery(runner, List.of(PREFIX + "Updating is processed:"));
            admin.resource(object).delete();
            awaitGone(objects);
        });
        assertThat(output).contains(Stream.of("Label is matching.", "Label is present.",
                "Label is absent.", "Label callback matching.", "Annotation is matching.",
                "Annotation is present.", "Annotation is absent.", "Filter satisfied.",
                "Field value is satisfied.", "Field presence is satisfied.",
                "Field change is satisfied.", "Field daemon is satisfied.")
                .map(line -> PREFIX + line).toArray(String[]::new))
                .doesNotContain(Stream.of("Annotation callback mismatch.",
                        "Filter not satisfied.", "Field value is not satisfied.",
                        "Field presence is not satisfied.").map(line -> PREFIX + line)
                        .toArray(String[]::new));
    }

    /**
     * 13-hooks' login handler reads the kubeconfig that fabric8 finds, as Kopf's example
     * does with pykube: it gets one that holds the ServiceAccount's token, so the operator
     * runs as that identity, not as the client it was given. A pod gives the background
     * tasks something to serve.
     */
    @Test
    void hooksLogInAsTheServiceAccountFromTheKubeconfig() throws Exception {
        Path directory = Files.createDirectories(Path.of("target", "kubeconfigs"));
        String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        String output;
        try {
            output = runAsItsOwnTestDoes("13-hooks", (runner, made) -> {
                made.add(admin.resource(new PodBuilder().withNewMetadata()
                        .withGenerateName("kopf-pod-").withNamespace("default").endMetadata()
                        .withNewSpec().addNewContainer().withName("the-only-one")
                        .withImage("busybox").withCommand("sh", "-x", "-c", "sleep 1")
                        .endContainer().endSpec().build()).create());
                ExamplesIT.awaitEvery(runner, List.of("Served by the background task."));
            }, identity -> System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE,
                    writeKubeconfig(directory.resolve(identity.name()), token(identity))
                            .toString()));
        } finally {
            if (previous == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
            }
        }
        assertThat(output).contains("Logging in...", "Initialising the task-lock...",
                "Starting retried...", "Cleaning up...", "All pod-tasks are requested to stop...");
    }

    /**
     * The login handler's identity is the one in the kubeconfig, not the client the operator
     * was given (which would be allowed everything): without the rule for pods, its watch
     * of the pods is refused to that ServiceAccount.
     */
    @Test
    void hooksWithoutThePodsRuleAreRefusedAsTheServiceAccount() throws Exception {
        Identity identity = identity("13-hooks", "pods", "-A");
        Path kubeconfig = writeKubeconfig(
                Files.createDirectories(Path.of("target", "kubeconfigs"))
                        .resolve(identity.name()),
                token(identity));
        String previous = System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE,
                kubeconfig.toString());
        String refusal = "User \"system:serviceaccount:" + identity.namespace() + ":"
                + identity.name() + "\" cannot list resource \"pods\"";
        try (KopfRunner runner = run(admin, classesOf("13-hooks"))) {
            assertThat(runner.awaitOutput(refusal, WAIT)).as(runner::output).isTrue();
        } finally {
            if (previous == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
            }
            forget(identity, List.of());
        }
    }

    /** A kubeconfig for the embedded server that authenticates with the bearer token. */
    private Path writeKubeconfig(Path file, String token) {
        try {
            return Files.writeString(file, String.join("\n",
                    "apiVersion: v1",
                    "kind: Config",
                    "clusters:",
                    "- name: kopf-rbac",
                    "  cluster:",
                    "    server: " + server.url(),
                    "contexts:",
                    "- name: kopf-rbac",
                    "  context:",
                    "    cluster: kopf-rbac",
                    "    namespace: default",
                    "    user: kopf-rbac",
                    "current-context: kopf-rbac",
                    "users:",
                    "- name: kopf-rbac",
                    "  user:",
                    "    token: " + token,
                    ""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * 12-embedded's EmbeddedOperatorIT: the application embeds the operator and creates and
     * deletes its objects, all with the ServiceAccount's client (its own calls are granted by
     * {@code --rule}, as a scan cannot see them).
     */
    @Test
    void embeddedOperatorAsItsOwnTestRunsIt() throws Exception {
        Identity identity = identity("12-embedded", null, "-A");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        server.clearCalls();
        try (KubernetesClient operator = server.newClient(token(identity));
                URLClassLoader loader = new URLClassLoader(
                        new URL[] {classesOf("12-embedded").toUri().toURL()},
                        getClass().getClassLoader())) {
            Method run = loader.loadClass("dev.kopf.examples.embedded.EmbeddedOperator")
                    .getMethod("run", KubernetesClient.class, int.class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                run.invoke(null, operator, 3);
            } finally {
                System.setOut(original);
            }
        } finally {
            List<HasMetadata> objects = new ArrayList<>();
            for (int step = 0; step < 3; step++) {
                objects.add(new GenericKubernetesResourceBuilder().withApiVersion("kopf.dev/v1")
                        .withKind("KopfExample").withNewMetadata().withNamespace("default")
                        .withName("kopf-example-" + step).endMetadata().build());
            }
            forget(identity, objects);
        }
        String lines = printed.toString(StandardCharsets.UTF_8);
        assertThat(lines.lines()).containsSubsequence("Starting the main app.",
                "Hello, kopf-example-0!", "Good bye, kopf-example-0!",
                "Hello, kopf-example-1!", "Good bye, kopf-example-1!",
                "Hello, kopf-example-2!", "Good bye, kopf-example-2!",
                "Exiting the main app.");
        assertRefusedNothing(lines);
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
        List<String> options = new ArrayList<>(List.of(scope));
        for (HasMetadata object : parse(manifests(example, namespace, name,
                options.toArray(String[]::new)))) {
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
