package dev.kopf.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the project of {@code kopf init}: which template becomes which file, and the
 * values filled in. Never overwrites: the folder must not exist or be empty, and each file
 * is created new.
 */
final class Scaffold {

    private final ProjectNames names;
    private final String kopfVersion;

    /**
     * Prepares a project.
     *
     * @param names the checked names
     * @param kopfVersion the Kopf version that the pom imports the BOM of
     */
    Scaffold(ProjectNames names, String kopfVersion) {
        this.names = names;
        this.kopfVersion = kopfVersion;
    }

    /**
     * The files of the project, relative to its folder, each with its template's name.
     *
     * @return target path to template name, in writing order
     */
    Map<String, String> files() {
        String sources = names.javaPackage().replace('.', '/');
        String handlers = handlerClass();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", "pom.xml");
        files.put("README.md", "README.md");
        files.put(".gitignore", "gitignore");
        files.put(".dockerignore", "dockerignore");
        files.put("Dockerfile", "Dockerfile");
        files.put("src/main/java/" + sources + "/" + handlers + ".java", "Handlers.java");
        files.put("src/test/java/" + sources + "/" + handlers + "Test.java",
                "HandlersTest.java");
        files.put("deploy/crd.yaml", "crd.yaml");
        files.put("deploy/rbac.yaml", "rbac.yaml");
        files.put("deploy/deployment.yaml", "deployment.yaml");
        files.put("example.yaml", "example.yaml");
        return files;
    }

    /**
     * Writes the project.
     *
     * @param directory the project folder, which must not exist or be empty
     * @return the files written
     * @throws ConfigurationException when the folder exists and is not empty, or a file
     *     cannot be written
     */
    List<Path> write(Path directory) {
        refuseExisting(directory);
        Map<String, String> values = values();
        Map<String, Boolean> flags = Map.of("namespaced", names.namespaced());
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files().entrySet()) {
            Path target = directory.resolve(file.getKey());
            String content = ScaffoldTemplate.load(file.getValue()).render(values, flags);
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, content, StandardOpenOption.CREATE_NEW);
            } catch (IOException e) {
                throw new ConfigurationException("Cannot write " + target + ": " + e, e);
            }
            written.add(target);
        }
        return written;
    }

    String handlerClass() {
        return names.kind() + "Handlers";
    }

    private Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", names.name());
        values.put("groupId", names.mavenGroupId());
        values.put("group", names.group());
        values.put("kind", names.kind());
        values.put("plural", names.plural());
        values.put("singular", names.singular());
        values.put("crdName", names.crdName());
        values.put("package", names.javaPackage());
        values.put("handlers", handlerClass());
        values.put("scope", names.namespaced() ? "Namespaced" : "Cluster");
        values.put("roleKind", names.namespaced() ? "Role" : "ClusterRole");
        values.put("scopeArgs", names.namespaced() ? "--namespace default" : "--all-namespaces");
        values.put("kopfVersion", kopfVersion);
        return values;
    }

    private static void refuseExisting(Path directory) {
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                if (!entries.iterator().hasNext()) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (!Files.exists(directory)) {
            return;
        }
        throw new ConfigurationException(directory + " already exists. kopf init never "
                + "overwrites: give a folder that does not exist yet, or an empty one.");
    }
}
