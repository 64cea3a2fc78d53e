package dev.kopf.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kopf init}: writes a new operator project (a Maven build, a handler class, its
 * test, the CRD, an example object, a Dockerfile and the deployment manifests) that builds
 * and runs with no edit. Bad names are usage errors; an existing folder is refused.
 */
@Command(name = "init", sortOptions = false,
        description = "Write a new operator project into DIR: a Maven build, handlers, "
                + "their test, the CRD, a Dockerfile and deployment manifests.")
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(order = 30, names = {"-h", "--help"}, usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "DIR", description = "The project folder; it must not exist "
            + "or must be empty. Its name names the project.")
    Path directory;

    @Option(order = 1, names = "--group", paramLabel = "G",
            description = "The custom resource's API group (default: "
                    + ProjectNames.DEFAULT_GROUP + ").")
    String group;

    @Option(order = 2, names = "--kind", paramLabel = "K",
            description = "The custom resource's kind (default: "
                    + ProjectNames.DEFAULT_KIND + ").")
    String kind;

    @Option(order = 3, names = "--package", paramLabel = "P",
            description = "The handler class's Java package (default: the group reversed, "
                    + "plus .operator).")
    String javaPackage;

    @ArgGroup(exclusive = true)
    Scope scope = new Scope();

    /** {@code --namespaced} (the default) or {@code --cluster}. */
    static final class Scope {
        @Option(order = 4, names = "--namespaced",
                description = "The resource is namespaced; the operator serves its own "
                        + "namespace with a Role (the default).")
        boolean namespaced;

        @Option(order = 5, names = "--cluster",
                description = "The resource is cluster-scoped; the operator serves the "
                        + "whole cluster with a ClusterRole.")
        boolean cluster;
    }

    @Override
    public Integer call() {
        ProjectNames names;
        try {
            names = ProjectNames.of(directory, group, kind, javaPackage, !scope.cluster);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path target = directory.toAbsolutePath().normalize();
        Scaffold scaffold = new Scaffold(names, KopfCommand.Version.version());
        List<Path> written = scaffold.write(target);
        var out = spec.commandLine().getOut();
        for (Path file : written) {
            out.println("Created " + target.relativize(file));
        }
        out.println();
        out.println("The operator for " + names.crdName() + " is in " + target + ". Next:");
        out.println("  cd " + directory);
        out.println("  mvn -B verify");
        out.println("  kopf run --embedded --apply deploy/crd.yaml --apply example.yaml "
                + "--stop-when-idle 3 -A target/classes");
        out.println("README.md says how to build the image and deploy it.");
        out.flush();
        return 0;
    }
}
