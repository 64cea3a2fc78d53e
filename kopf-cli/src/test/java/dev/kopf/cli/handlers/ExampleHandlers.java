package dev.kopf.cli.handlers;

import dev.kopf.OnCreate;
import dev.kopf.Spec;
import java.util.Map;
import org.slf4j.Logger;

/** A valid operator: Kopf's minimal example. */
public class ExampleHandlers {

    @OnCreate("kopfexamples.v1.kopf.dev")
    public Map<String, Object> createFn(Spec spec, Logger logger) {
        logger.info("And here we are! Creating: {}", spec.asMap());
        return Map.of("message", "hello world");
    }
}
