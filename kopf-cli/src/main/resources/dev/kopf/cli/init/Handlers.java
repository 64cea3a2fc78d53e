package {{package}};

import dev.kopf.Diff;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnUpdate;
import dev.kopf.Spec;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The operator's handlers for {{kind}} objects ({{crdName}}). {@code kopf run} finds them by
 * their annotations; what a handler returns is stored in the object's status under the
 * handler's id (the method name), e.g. {@code status.createFn.message}.
 */
public class {{handlers}} {

    @OnCreate("{{crdName}}")
    public Map<String, Object> createFn(Spec spec, Meta meta, Logger logger) {
        Object greeting = spec.get("greeting");
        logger.info("Creating {} with greeting {}.", meta.name(), greeting);
        return Map.of("message", "created with greeting " + greeting);
    }

    @OnUpdate("{{crdName}}")
    public Map<String, Object> updateFn(Spec spec, Diff diff, Logger logger) {
        logger.info("Updating: {}", diff);
        return Map.of("message", "updated to greeting " + spec.get("greeting"));
    }

    @OnDelete("{{crdName}}")
    public void deleteFn(Meta meta, Logger logger) {
        logger.info("Deleting {}.", meta.name());
    }
}
