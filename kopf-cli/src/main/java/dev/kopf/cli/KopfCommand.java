package dev.kopf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code kopf} command: help, version, and the subcommands.
 */
@Command(name = "kopf", mixinStandardHelpOptions = true,
        versionProvider = KopfCommand.Version.class,
        description = "Kopf for Java: Kubernetes operators from annotated Java classes.",
        subcommands = {RunCommand.class, InitCommand.class, ManifestsCommand.class,
                FreezeCommand.class, ResumeCommand.class})
final class KopfCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand.");
    }

    /**
     * Reads the project version from the resource that Maven fills in at build time.
     */
    static final class Version implements IVersionProvider {
        static final String RESOURCE = "version.properties";

        @Override
        public String[] getVersion() {
            return new String[] {"kopf, version " + version()};
        }

        static String version() {
            Properties properties = new Properties();
            try (InputStream input = KopfCommand.class.getResourceAsStream(RESOURCE)) {
                if (input != null) {
                    properties.load(input);
                }
            } catch (IOException e) {
                return "unknown";
            }
            String value = properties.getProperty("version");
            if (value == null || value.startsWith("${")) {
                String manifest = KopfCommand.class.getPackage().getImplementationVersion();
                return manifest != null ? manifest : "unknown";
            }
            return value;
        }
    }
}
