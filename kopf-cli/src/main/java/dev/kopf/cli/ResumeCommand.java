package dev.kopf.cli;

import dev.kopf.OperatorSettings;
import dev.kopf.PeeringSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kopf resume}: removes the record that {@code kopf freeze} wrote with the same
 * identity (by default {@code user@host}), so that the paused operators resume, as Kopf's
 * command.
 */
@Command(name = "resume", sortOptions = false,
        description = "Resume the resource handling in the operator(s).")
final class ResumeCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    LoggingOptions logging;

    @Mixin
    PeeringTouch target;

    @Option(order = 5, names = {"-P", "--peering"}, paramLabel = "NAME", required = true,
            defaultValue = "${env:KOPF_RESUME_PEERING}",
            description = "The peering object's name (env: KOPF_RESUME_PEERING).")
    String peering;

    @Option(order = 30, names = {"-h", "--help"}, usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    ResumeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PeeringSettings settings = OperatorSettings.defaults().peering()
                .withMandatoryName(peering);
        return target.touch(context, logging, settings, Duration.ZERO);
    }
}
