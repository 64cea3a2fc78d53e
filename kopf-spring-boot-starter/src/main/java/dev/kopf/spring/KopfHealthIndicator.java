package dev.kopf.spring;

import dev.kopf.Operator;
import java.time.Duration;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The operator's health for Actuator ({@code /actuator/health}, component {@code kopf}):
 * {@code UP} once every watched resource was listed, {@code OUT_OF_SERVICE} before,
 * {@code DOWN} with the error once the operator failed.
 *
 * @since 0.2
 */
public final class KopfHealthIndicator extends AbstractHealthIndicator {

    private final Operator operator;

    /**
     * Creates the indicator.
     *
     * @param operator the operator
     */
    public KopfHealthIndicator(Operator operator) {
        super("The Kopf operator's health check failed.");
        this.operator = operator;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws InterruptedException {
        Throwable failure = operator.failure();
        if (failure != null) {
            builder.down().withDetail("error", String.valueOf(failure.getMessage()));
        } else if (operator.awaitReady(Duration.ZERO)) {
            builder.up();
        } else {
            builder.outOfService().withDetail("reason", "Not every resource is listed yet.");
        }
    }
}
