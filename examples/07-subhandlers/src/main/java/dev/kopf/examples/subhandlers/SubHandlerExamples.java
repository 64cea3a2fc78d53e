package dev.kopf.examples.subhandlers;

import dev.kopf.OnCreate;
import dev.kopf.Spec;
import dev.kopf.SubHandlers;
import java.util.List;

/** One sub-handler per item of {@code spec.items}, each with its own progress. */
public class SubHandlerExamples {

    @OnCreate("kopfexamples")
    public void createFn(Spec spec, SubHandlers subhandlers) {
        Object items = spec.get("items");
        for (Object item : items instanceof List<?> list ? list : List.of()) {
            String id = String.valueOf(item);
            subhandlers.register(id, context -> {
                context.logger().info("=== Handling creation for {}. ===", id);
                return null;
            });
        }
    }
}
