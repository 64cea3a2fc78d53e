package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code kopf init}: the files it writes, its exit codes, and the names it accepts. */
class InitCommandTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path temp;

    private Environment environment;

    @BeforeEach
    void describeAMachine() {
        environment = Environment.of(Map.of(), temp, temp);
    }

    @Test
    void writesACompleteMavenProjectWithDefaults() throws IOException {
        Path project = temp.resolve("my-operator");

        CliResult result = CliResult.execute(environment, "init", project.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Created pom.xml", "mvn -B verify");
        assertThat(files(project)).containsExactlyInAnyOrder("pom.xml", "README.md",
                ".gitignore", ".dockerignore", "Dockerfile",
                "src/main/java/com/example/operator/ExampleHandlers.java",
                "src/test/java/com/example/operator/ExampleHandlersTest.java",
                "deploy/crd.yaml", "deploy/rbac.yaml", "deploy/deployment.yaml",
                "example.yaml");
        String handlers = Files.readString(
                project.resolve("src/main/java/com/example/operator/ExampleHandlers.java"));
        assertThat(handlers).contains("package com.example.operator;",
                "@OnCreate(\"examples.example.com\")", "@OnUpdate(\"examples.example.com\")",
                "@OnDelete(\"examples.example.com\")", "public class ExampleHandlers {");
        assertThat(Files.readString(project.resolve(
                "src/test/java/com/example/operator/ExampleHandlersTest.java")))
                .contains("@KopfTest(handlers = ExampleHandlers.class, "
                        + "crds = \"deploy/crd.yaml\")");
        JsonNode crd = YAML.readTree(project.resolve("deploy/crd.yaml").toFile());
        assertThat(crd.at("/metadata/name").asText()).isEqualTo("examples.example.com");
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
        assertThat(crd.at("/spec/names/kind").asText()).isEqualTo("Example");
        assertThat(crd.at("/spec/versions/0/subresources/status").isObject()).isTrue();
        JsonNode example = YAML.readTree(project.resolve("example.yaml").toFile());
        assertThat(example.at("/apiVersion").asText()).isEqualTo("example.com/v1");
        assertThat(example.at("/metadata/namespace").asText()).isEqualTo("default");
    }

    @Test
    void pomImportsTheBomAndPinsEveryPlugin() throws IOException {
        Path project = temp.resolve("pinned");

        assertThat(CliResult.execute(environment, "init", project.toString()).exitCode())
                .isZero();

        String pom = Files.readString(project.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>pinned</artifactId>",
                "<groupId>com.example</groupId>",
                "<maven.compiler.release>17</maven.compiler.release>",
                "<kopf.version>" + KopfCommand.Version.version() + "</kopf.version>",
                "<artifactId>kopf-bom</artifactId>", "<scope>import</scope>");
        // Maven 3.8 resolves unpinned lifecycle plugins to versions too old for Java 17.
        for (String plugin : List.of("maven-clean-plugin", "maven-resources-plugin",
                "maven-compiler-plugin", "maven-surefire-plugin", "maven-jar-plugin",
                "maven-install-plugin", "maven-deploy-plugin", "maven-site-plugin",
                "maven-dependency-plugin", "jib-maven-plugin")) {
            assertThat(pom).containsPattern("<artifactId>" + plugin
                    + "</artifactId>\\s*<version>\\d[^<]*</version>");
        }
        assertThat(pom).contains("<version>3.5.2</version>").contains("<id>jib</id>");
        // The only Kopf version is the property: the BOM pins the artifacts.
        assertThat(pom).doesNotContainPattern(
                "<artifactId>kopf-(core|testing)</artifactId>\\s*<version>");
    }

    @Test
    void namespacedProjectsGetARoleServingTheirOwnNamespace() throws IOException {
        Path project = temp.resolve("ns");

        assertThat(CliResult.execute(environment, "init", project.toString(),
                "--namespaced").exitCode()).isZero();

        List<JsonNode> rbac = documents(project.resolve("deploy/rbac.yaml"));
        assertThat(rbac).extracting(d -> d.at("/kind").asText())
                .containsExactly("ServiceAccount", "Role", "RoleBinding");
        assertThat(rbac.get(1).at("/rules/0/resources/0").asText()).isEqualTo("examples");
        assertThat(rbac.get(1).at("/rules/1/resources/0").asText())
                .isEqualTo("examples/status");
        JsonNode container = deploymentContainer(project);
        assertThat(container.at("/args").toString()).contains("--namespace=$(POD_NAMESPACE)");
    }

    @Test
    void clusterProjectsGetAClusterRoleAndAClusterScopedResource() throws IOException {
        Path project = temp.resolve("cl");

        CliResult result = CliResult.execute(environment, "init", project.toString(),
                "--cluster", "--group", "db.acme.io", "--kind", "Database",
                "--package", "io.acme.dbop");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(YAML.readTree(project.resolve("deploy/crd.yaml").toFile())
                .at("/spec/scope").asText()).isEqualTo("Cluster");
        assertThat(documents(project.resolve("deploy/rbac.yaml")))
                .extracting(d -> d.at("/kind").asText())
                .containsExactly("ServiceAccount", "ClusterRole", "ClusterRoleBinding");
        assertThat(YAML.readTree(project.resolve("example.yaml").toFile())
                .at("/metadata").has("namespace")).isFalse();
        assertThat(deploymentContainer(project).at("/args").toString())
                .contains("--all-namespaces");
        assertThat(project.resolve("src/main/java/io/acme/dbop/DatabaseHandlers.java"))
                .content().contains("@OnCreate(\"databases.db.acme.io\")");
    }

    @Test
    void deploymentRunsAsNonRootOnAReadOnlyFilesystemWithTheLivenessProbe()
            throws IOException {
        Path project = temp.resolve("secure");
        assertThat(CliResult.execute(environment, "init", project.toString()).exitCode())
                .isZero();

        JsonNode deployment = YAML.readTree(project.resolve("deploy/deployment.yaml").toFile());
        JsonNode container = deploymentContainer(project);

        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot")
                .asBoolean()).isTrue();
        assertThat(deployment.at("/spec/template/spec/serviceAccountName").asText())
                .isEqualTo("secure");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                .isTrue();
        assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
        assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(container.at("/args").toString())
                .contains("--liveness=http://0.0.0.0:8080/healthz");
    }

    @Test
    void anEmptyFolderIsUsed() throws IOException {
        Path project = Files.createDirectories(temp.resolve("empty"));

        assertThat(CliResult.execute(environment, "init", project.toString()).exitCode())
                .isZero();
        assertThat(project.resolve("pom.xml")).exists();
    }

    @Test
    void anExistingFolderIsNeverOverwritten() throws IOException {
        Path project = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(project.resolve("pom.xml"), "mine");

        CliResult result = CliResult.execute(environment, "init", project.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo(project + " already exists. kopf init "
                + "never overwrites: give a folder that does not exist yet, or an empty one.");
        assertThat(project.resolve("pom.xml")).hasContent("mine");
        assertThat(files(project)).containsExactly("pom.xml");
    }

    @Test
    void anExistingFileIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");

        CliResult result = CliResult.execute(environment, "init", file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("already exists");
        assertThat(file).hasContent("x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--kind|9x|Invalid --kind: '9x'. " + ProjectNames.KIND_RULE,
        "--kind|example|Invalid --kind: 'example'. " + ProjectNames.KIND_RULE,
        "--kind|My-Kind|Invalid --kind: 'My-Kind'. " + ProjectNames.KIND_RULE,
        "--group|example|Invalid --group: 'example'. " + ProjectNames.GROUP_RULE,
        "--group|Example.com|Invalid --group: 'Example.com'. " + ProjectNames.GROUP_RULE,
        "--group|-a.com|Invalid --group: '-a.com'. " + ProjectNames.GROUP_RULE,
        "--package|com.Example|Invalid --package: 'com.Example'. " + ProjectNames.PACKAGE_RULE,
        "--package|com.class.x|Invalid --package: 'com.class.x'. " + ProjectNames.PACKAGE_RULE,
        "--package|com..x|Invalid --package: 'com..x'. " + ProjectNames.PACKAGE_RULE,
        "--package|1com|Invalid --package: '1com'. " + ProjectNames.PACKAGE_RULE,
    })
    void badNamesAreUsageErrorsSayingWhatIsAllowed(String option, String value,
            String message) {
        Path project = temp.resolve("bad");

        CliResult result = CliResult.execute(environment, "init", project.toString(),
                option, value);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith(message + System.lineSeparator())
                .contains("Usage: kopf init");
        assertThat(project).doesNotExist();
    }

    @Test
    void aKindWhosePluralIsTooLongForKubernetesIsAUsageError() {
        String kind = "X" + "a".repeat(60) + "ss";

        CliResult result = CliResult.execute(environment, "init",
                temp.resolve("long").toString(), "--kind", kind);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Invalid --kind: '" + kind + "'. Its plural '"
                + kind.toLowerCase(java.util.Locale.ROOT) + "es' is longer than 63 characters.");
    }

    @Test
    void namespacedAndClusterTogetherAreAUsageError() {
        CliResult result = CliResult.execute(environment, "init",
                temp.resolve("both").toString(), "--namespaced", "--cluster");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("mutually exclusive");
    }

    @Test
    void helpDescribesTheOptions() {
        CliResult result = CliResult.execute(environment, "init", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: kopf init", "--group=G", "--kind=K",
                "--package=P", "--namespaced", "--cluster", "DIR");
    }

    @Test
    void aMissingFolderIsAUsageError() {
        CliResult result = CliResult.execute(environment, "init");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required parameter: 'DIR'");
    }

    @ParameterizedTest
    @CsvSource({
        "example.com, Example, com.example.operator, examples",
        "my-co.io, Policy, io.my_co.operator, policies",
        "x.1st.org, Box, org._1st.x.operator, boxes",
        "a.int, Day, _int.a.operator, days",
    })
    void derivesThePackageFromTheGroupAndThePluralFromTheKind(String group, String kind,
            String javaPackage, String plural) {
        ProjectNames names = ProjectNames.of(temp.resolve("Some_Project"), group, kind, null,
                true);

        assertThat(names.javaPackage()).isEqualTo(javaPackage);
        assertThat(names.plural()).isEqualTo(plural);
        assertThat(names.name()).isEqualTo("some-project");
    }

    @Test
    void aFolderNameWithNothingUsableNamesTheProjectAfterTheResource() {
        assertThat(ProjectNames.of(temp.resolve("___"), null, null, null, true).name())
                .isEqualTo("examples-operator");
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
        }
    }

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                documents.add(iterator.next());
            }
        }
        return documents;
    }

    static JsonNode deploymentContainer(Path project) throws IOException {
        JsonNode containers = YAML.readTree(project.resolve("deploy/deployment.yaml").toFile())
                .at("/spec/template/spec/containers");
        assertThat(containers).isInstanceOf(ArrayNode.class).hasSize(1);
        return containers.get(0);
    }
}
