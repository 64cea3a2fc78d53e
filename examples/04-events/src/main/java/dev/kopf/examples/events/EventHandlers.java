package dev.kopf.examples.events;

import dev.kopf.Body;
import dev.kopf.Kopf;
import dev.kopf.OnCreate;

/** Posts Kubernetes Events about the handled object. */
public class EventHandlers {

    @OnCreate("kopfexamples")
    public void createFn(Body body) {

        // The all-purpose function for the event creation.
        Kopf.event(body, "SomeType", "SomeReason", "Some message");

        // The shortcuts for the conventional events and common cases.
        Kopf.info(body, "SomeReason", "Some message");
        Kopf.warn(body, "SomeReason", "Some message");

        try {
            throw new RuntimeException("Exception text.");
        } catch (RuntimeException e) {
            Kopf.exception(body, "SomeReason", "Some exception:", e);
        }
    }
}
