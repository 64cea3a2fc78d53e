package dev.kopf.cli;

import dev.kopf.OperatorSettings;
import dev.kopf.PeeringSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kopf freeze}: writes a record of the given priority and lifetime into the peering
 * objects, which pauses the operators of lower priority until it expires or
 * {@code kopf resume} removes it, as Kopf's command.
 */
@Command(name = "freeze", sortOptions = false,
        description = "Pause the resource handling in the operator(s).")
final class FreezeCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    LoggingOptions logging;

    @Mixin
    PeeringTouch target;

    @Option(order = 4, names = "--dev", description = "Priority 666, as kopf run --dev.")
    boolean dev;

    @Option(order = 5, names = {"-P", "--peering"}, paramLabel = "NAME", required = true,
            defaultValue = "${env:KOPF_FREEZE_PEERING}",
            description = "The peering object's name (env: KOPF_FREEZE_PEERING).")
    String peering;

    @Option(order = 6, names = {"-p", "--priority"}, paramLabel = "N", defaultValue = "100",
            description = "The record's priority (default: 100).")
    int priority;

    @Option(order = 7, names = {"-t", "--lifetime"}, paramLabel = "SECONDS", required = true,
            description = "For how long the operators stay paused, unless resumed earlier.")
    int lifetime;

    @Option(order = 8, names = {"-m", "--message"}, paramLabel = "TEXT",
            description = "Accepted as in Kopf, which does not write it either.")
    String message;

    @Option(order = 30, names = {"-h", "--help"}, usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    FreezeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PeeringSettings settings = OperatorSettings.defaults().peering()
                .withMandatoryName(peering).withPriority(dev ? 666 : priority);
        return target.touch(context, logging, settings, Duration.ofSeconds(lifetime));
    }
}
