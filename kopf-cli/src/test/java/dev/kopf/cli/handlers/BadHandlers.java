package dev.kopf.cli.handlers;

import dev.kopf.OnCreate;
import java.time.Clock;

/** An invalid operator: a parameter that cannot be injected. */
public class BadHandlers {

    @OnCreate("kopfexamples.v1.kopf.dev")
    public void created(Clock clock) {
    }
}
