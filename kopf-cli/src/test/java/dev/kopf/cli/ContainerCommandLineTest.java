package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kopf.internal.engines.HealthReporter;
import dev.kopf.testing.internal.cli.LaunchControls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The command lines that the images run are ones the {@code kopf} command accepts: the
 * {@code ENTRYPOINT} with its {@code CMD}, with the Deployment's arguments, and the
 * training run that creates the class-data archive. Image builds cannot run here (no
 * Docker engine), so this is what can be tested of them.
 */
class ContainerCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAUNCHER = "/opt/kopf/kopf";

    private static final AtomicInteger GENERATED = new AtomicInteger();

    @TempDir
    static Path temp;

    static Stream<Arguments> dockerfiles() {
        return Stream.of(
                Arguments.of("kopf init, namespaced", generated("ns", "--namespaced")),
                Arguments.of("kopf init, cluster", generated("cl", "--cluster")),
                Arguments.of("examples", Path.of("../examples/Dockerfile")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void entrypointWithCmdIsAValidKopfRun(String what, Path dockerfile) throws IOException {
        Dockerfile file = Dockerfile.read(dockerfile);
        List<String> entrypoint = file.execForm("ENTRYPOINT");
        assertThat(entrypoint).first().isEqualTo(LAUNCHER);

        List<String> args = new ArrayList<>(entrypoint.subList(1, entrypoint.size()));
        args.addAll(file.execForm("CMD"));
        ParseResult run = parse(args);

        assertThat(run.matchedOptionValue("--standalone", false)).isTrue();
        assertThat(run.matchedPositionals()).isNotEmpty();
        HealthReporter.parse(run.matchedOptionValue("--liveness", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void trainingRunForTheClassDataArchiveIsAValidKopfRun(String what, Path dockerfile)
            throws IOException {
        List<List<String>> commands = Dockerfile.read(dockerfile).shellCommands(LAUNCHER);

        assertThat(commands).hasSize(2);
        ParseResult run = parse(commands.get(0));
        assertThat(run.matchedOptionValue("--embedded", false)).isTrue();
        assertThat(run.matchedOptionValue("--stop-when-idle", (Double) null)).isNotNull();
        assertThat(commands.get(1)).containsExactly("--version");
        assertThat(execute(commands.get(1))).startsWith("kopf, version ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void deploymentArgumentsAfterTheEntrypointAreAValidKopfRun(String what, Path project)
            throws IOException {
        List<String> entrypoint = Dockerfile.read(project.resolve("Dockerfile"))
                .execForm("ENTRYPOINT");
        JsonNode container = InitCommandTest.deploymentContainer(project);
        List<String> args = new ArrayList<>(entrypoint.subList(1, entrypoint.size()));
        // Kubernetes expands $(VAR) in args from the container's environment.
        container.at("/args").forEach(arg ->
                args.add(arg.asText().replace("$(POD_NAMESPACE)", "default")));

        ParseResult run = parse(args);

        assertThat(run.matchedOptionValue("--standalone", false)).isTrue();
        String liveness = run.matchedOptionValue("--liveness", "");
        HealthReporter.parse(liveness);
        assertThat(liveness).endsWith(":" + container.at("/ports/0/containerPort").asInt()
                + container.at("/livenessProbe/httpGet/path").asText());
        // The handler jar is where the Dockerfile puts it.
        String jar = firstPath(run);
        assertThat(Dockerfile.read(project.resolve("Dockerfile")).instructions())
                .anySatisfy(i -> assertThat(i).startsWith("COPY ").endsWith(" " + jar));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void jibEntrypointWithArgsIsAValidKopfRunOfTheSameJar(String what, Path project)
            throws IOException {
        String pom = Files.readString(project.resolve("pom.xml"));
        String name = project.getFileName().toString();
        List<String> args = new ArrayList<>(List.of(element(pom, "entrypoint").split(",")));
        assertThat(args).first().isEqualTo(LAUNCHER);
        args.remove(0);
        for (String arg : element(pom, "args").split(",")) {
            args.add(arg.replace("${project.build.finalName}", name));
        }

        ParseResult run = parse(args);

        assertThat(firstPath(run)).isEqualTo("/opt/operator/" + name + ".jar");
        HealthReporter.parse(run.matchedOptionValue("--liveness", ""));
    }

    private static String firstPath(ParseResult run) {
        List<Path> paths = run.matchedPositionals().get(0).getValue();
        return paths.get(0).toString();
    }

    private static String element(String xml, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        assertThat(matcher.find()).as("<%s> in the pom", name).isTrue();
        return matcher.group(1).strip();
    }

    static Stream<Arguments> deployments() {
        return Stream.of(
                Arguments.of("namespaced", generated("dep-ns", "--namespaced").getParent()),
                Arguments.of("cluster", generated("dep-cl", "--cluster").getParent()));
    }

    private static Path generated(String name, String scope) {
        Path project = temp.resolve(name + "-" + GENERATED.incrementAndGet());
        CliResult result = CliResult.execute(Environment.of(Map.of(), temp, temp),
                "init", project.toString(), scope);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return project.resolve("Dockerfile");
    }

    // The kopf command as Main builds it: the subcommand's parse result, or a usage error.
    private static ParseResult parse(List<String> args) {
        CliContext context = new CliContext(System.out, System.err, new LaunchControls(),
                Environment.ofProcess(), new AtomicReference<>());
        CommandLine commandLine = new CommandLine(new KopfCommand(), new Main.Factory(context));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        ParseResult result = commandLine.parseArgs(args.toArray(String[]::new));
        assertThat(result.subcommand()).as("subcommand of %s", args).isNotNull();
        assertThat(result.subcommand().commandSpec().name()).isEqualTo("run");
        return result.subcommand();
    }

    private static String execute(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            assertThat(Main.execute(args.toArray(String[]::new), stream, stream)).isZero();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A Dockerfile's instructions, continuation lines joined. */
    private record Dockerfile(List<String> instructions) {

        static Dockerfile read(Path file) throws IOException {
            List<String> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                instructions.add(current.append(line).toString().strip());
                current.setLength(0);
            }
            return new Dockerfile(instructions);
        }

        // The JSON array of the last such instruction, as Docker uses the last one.
        List<String> execForm(String keyword) throws IOException {
            String found = null;
            for (String instruction : instructions) {
                if (instruction.startsWith(keyword + " ")) {
                    found = instruction.substring(keyword.length()).strip();
                }
            }
            assertThat(found).as(keyword).isNotNull().startsWith("[");
            return Arrays.asList(JSON.readValue(found, String[].class));
        }

        // The arguments of each call of the launcher in the RUN instructions.
        List<List<String>> shellCommands(String program) {
            List<List<String>> commands = new ArrayList<>();
            for (String instruction : instructions) {
                if (!instruction.startsWith("RUN ")) {
                    continue;
                }
                for (String command : instruction.substring(4).split("&&")) {
                    List<String> words = List.of(command.strip().split("\\s+"));
                    if (words.get(0).equals(program)) {
                        commands.add(words.subList(1, words.size()));
                    }
                }
            }
            return commands;
        }
    }
}
