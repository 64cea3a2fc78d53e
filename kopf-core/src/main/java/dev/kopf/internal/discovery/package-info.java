/**
 * Finds handler classes and reads their annotated methods into handlers: ClassGraph scanning,
 * signature and option validation, and the operator's handler-class instances. New in Java:
 * Kopf's decorators register themselves.
 *
 * <p>The only package that reads the handler annotations and the only one that uses
 * ClassGraph. It must not know about the reactor; it returns an immutable registry and
 * reports every problem at once.
 *
 * <p>Internal; no compatibility guarantees.
 */
package dev.kopf.internal.discovery;
