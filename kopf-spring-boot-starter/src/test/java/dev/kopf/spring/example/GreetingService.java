package dev.kopf.spring.example;

import org.springframework.stereotype.Service;

/** An ordinary bean that the handlers use. */
@Service
public class GreetingService {

    public String greet(Object who) {
        return "Hello, " + who;
    }
}
