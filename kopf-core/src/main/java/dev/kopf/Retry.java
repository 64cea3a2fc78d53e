package dev.kopf;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a handler is in its retries: injected into handlers that ask for it.
 *
 * @param attempt the 0-based attempt number: 0 on the first call
 * @param started when the first attempt started (survives operator restarts)
 * @param runtime how long ago the first attempt started
 * @since 0.1
 */
public record Retry(int attempt, Instant started, Duration runtime) {
}
