/**
 * The Spring Boot starter: {@code @Component} classes with Kopf annotations become handlers,
 * the {@code Operator} starts and stops with the application, settings come from
 * {@code kopf.*} properties, and Actuator reports its health.
 *
 * <p>Nothing in {@code kopf-core} knows Spring; this module only uses kopf-core's public
 * API.
 *
 * @since 0.2
 */
package dev.kopf.spring;
