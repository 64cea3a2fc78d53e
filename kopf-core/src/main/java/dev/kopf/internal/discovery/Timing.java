package dev.kopf.internal.discovery;

import dev.kopf.internal.discovery.HandlerAnnotations.Family;
import java.time.Duration;
import java.util.List;

/** The timing options of daemons and timers; {@code null} where not set. */
record Timing(Duration initialDelay, Duration cancellationBackoff,
        Duration cancellationTimeout, Duration cancellationPolling, Duration interval,
        Duration idle) {

    static Timing read(String title, Family family, Attributes attributes,
            List<String> here) {
        if (family != Family.DAEMON && family != Family.TIMER) {
            return new Timing(null, null, null, null, null, null);
        }
        Duration initialDelay = seconds(title, "initialDelay", attributes, 0, here);
        if (family == Family.DAEMON) {
            return new Timing(initialDelay,
                    seconds(title, "cancellationBackoff", attributes, 0, here),
                    seconds(title, "cancellationTimeout", attributes, 0, here),
                    seconds(title, "cancellationPolling", attributes, Double.MIN_VALUE,
                            here), null, null);
        }
        Duration interval = seconds(title, "interval", attributes, Double.MIN_VALUE, here);
        Duration idle = seconds(title, "idle", attributes, Double.MIN_VALUE, here);
        boolean sharp = attributes.flag("sharp");
        if (Double.isNaN(attributes.number("interval", Double.NaN))
                && Double.isNaN(attributes.number("idle", Double.NaN))) {
            here.add(title + " needs an interval or an idle time, e.g. interval = 60.");
        } else if (sharp && Double.isNaN(attributes.number("interval", Double.NaN))) {
            here.add(title + " has sharp = true but no interval. sharp keeps the calls"
                    + " to a grid of interval seconds: give the interval too.");
        }
        return new Timing(initialDelay, null, null, null, interval, idle);
    }

    /** Reads seconds: NaN is "not set"; otherwise at least {@code min} and finite. */
    private static Duration seconds(String title, String name, Attributes attributes,
            double min, List<String> here) {
        double value = attributes.number(name, Double.NaN);
        if (Double.isNaN(value)) {
            return null;
        }
        if (value < min || Double.isInfinite(value)) {
            here.add(title + " " + name + " must be " + (min > 0
                    ? "a positive number of seconds" : "zero or more seconds") + ", not "
                    + value + ". Leave it out for none.");
            return null;
        }
        return DeclarationReader.seconds(value);
    }
}
