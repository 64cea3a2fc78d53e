package dev.kopf.cli.handlers;

import dev.kopf.OnProbe;
import dev.kopf.OnStartup;
import dev.kopf.OperatorSettings;

/** Probes for the liveness endpoint, and a startup handler that fails when asked to. */
public class ProbeHandlers {

    @OnProbe
    public String greeting() {
        return "hello";
    }

    @OnProbe(id = "answer")
    public int answer() {
        return 42;
    }

    @OnStartup
    public void startupFn(OperatorSettings settings) {
        if ("fail".equals(settings.posting().reportingInstance())) {
            throw new dev.kopf.PermanentException("Asked to fail.");
        }
    }
}
