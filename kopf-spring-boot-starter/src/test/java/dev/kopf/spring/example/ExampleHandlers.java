package dev.kopf.spring.example;

import dev.kopf.OnCreate;
import dev.kopf.Spec;
import org.springframework.stereotype.Component;

/** Kopf handlers as a Spring bean, with its dependencies injected by Spring. */
@Component
public class ExampleHandlers {

    private final GreetingService greetings;

    public ExampleHandlers(GreetingService greetings) {
        this.greetings = greetings;
    }

    @OnCreate("kopfexamples.kopf.dev")
    public String greet(Spec spec) {
        return greetings.greet(spec.get("field"));
    }
}
