package dev.kopf.examples.minimal;

import dev.kopf.OnCreate;
import dev.kopf.Spec;
import java.util.Map;
import org.slf4j.Logger;

/** The smallest operator: one creation handler whose result lands in the object's status. */
public class MinimalHandlers {

    @OnCreate("kopfexamples.kopf.dev")
    public Map<String, Object> createFn(Spec spec, Logger logger) {
        logger.info("And here we are! Creating: {}", spec.asMap());
        return Map.of("message", "hello world");
    }
}
