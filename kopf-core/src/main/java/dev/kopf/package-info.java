/**
 * Kopf for Java: annotations for handlers, the values injected into them, the exceptions
 * they throw to steer retries, the {@link dev.kopf.Kopf} facade, and the
 * {@link dev.kopf.Operator} that runs them.
 *
 * <p>A handler is a public method of a plain class carrying one of the handler annotations,
 * e.g. {@link dev.kopf.OnCreate}. See {@code docs/handlers.md}.
 */
package dev.kopf;
