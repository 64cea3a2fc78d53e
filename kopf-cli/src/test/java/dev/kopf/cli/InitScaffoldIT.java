package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does, end to end: {@code kopf init}, then {@code mvn -B verify} in the new
 * project against the Kopf artifacts installed in the local repository, then {@code kopf
 * run} of its classes on the embedded API server. Slow (a nested Maven build), so it runs
 * only with {@code mvn verify -Pscaffold} after {@code mvn install}; the nested build uses
 * the same local repository ({@code maven.repo.local}), offline, so that it takes Kopf
 * from there ({@code -Dkopf.scaffold.online=true} lets it download).
 */
class InitScaffoldIT {

    private static final long BUILD_MINUTES = 10;
    private static final long RUN_MINUTES = 3;

    @TempDir
    Path temp;

    @Test
    void generatedProjectBuildsTestsAndRunsWithNoEdit() throws Exception {
        Path project = temp.resolve("first-operator");
        CliResult init = CliResult.execute(Environment.of(Map.of(), temp, temp),
                "init", project.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();

        Path buildLog = temp.resolve("mvn.log");
        int build = run(project, buildLog, BUILD_MINUTES, maven("-B", "verify"));
        assertThat(build).as("mvn -B verify in %s:%n%s", project, tail(buildLog)).isZero();
        assertThat(project.resolve("target/first-operator.jar")).isRegularFile();
        assertThat(project.resolve("target/kopf/kopf")).isRegularFile();
        assertThat(project.resolve("target/kopf/kopf-cli-" + KopfCommand.Version.version()
                + "-all.jar")).isRegularFile();

        // The README's command, with the kopf command that the build copied for the image.
        Path runLog = temp.resolve("run.log");
        int run = run(project, runLog, RUN_MINUTES, List.of("sh", "target/kopf/kopf", "run",
                "--embedded", "--apply", "deploy/crd.yaml", "--apply", "example.yaml",
                "--stop-when-idle", "3", "-A", "target/classes"));
        String output = Files.readString(runLog, StandardCharsets.UTF_8);
        assertThat(run).as(output).isZero();
        assertThat(output).contains("Handler 'createFn' succeeded.")
                .contains("name: example-1")
                .contains("message: created with greeting hello");
    }

    private static List<String> maven(String... goals) {
        String home = System.getProperty("maven.home");
        List<String> command = new ArrayList<>();
        command.add(home != null && Files.isRegularFile(Path.of(home, "bin", "mvn"))
                ? Path.of(home, "bin", "mvn").toString() : "mvn");
        command.addAll(List.of(goals));
        String repository = System.getProperty("maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        if (!Boolean.getBoolean("kopf.scaffold.online")) {
            command.add("-o");
        }
        return command;
    }

    private static int run(Path directory, Path log, long minutes, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within "
                    + minutes + " minutes:\n" + tail(log));
        }
        return process.exitValue();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
