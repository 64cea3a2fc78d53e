package dev.kopf.spring.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An operator as a Spring Boot application: the handlers are a {@code @Component} using
 * another bean; the starter runs the operator with the application.
 */
@SpringBootApplication
public class ExampleOperatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExampleOperatorApplication.class, args);
    }
}
