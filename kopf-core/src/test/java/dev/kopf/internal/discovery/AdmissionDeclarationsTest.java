package dev.kopf.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kopf.DryRun;
import dev.kopf.HandlerDeclarationException;
import dev.kopf.Headers;
import dev.kopf.Memo;
import dev.kopf.OnMutate;
import dev.kopf.OnValidate;
import dev.kopf.Operation;
import dev.kopf.OperatorSettings;
import dev.kopf.Patch;
import dev.kopf.Reason;
import dev.kopf.Retry;
import dev.kopf.SslPeer;
import dev.kopf.Subresource;
import dev.kopf.UserInfo;
import dev.kopf.Warnings;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.WebhookHandler;
import dev.kopf.internal.intents.WebhookHandler.WebhookType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What @OnValidate and @OnMutate become, and their declaration problems. */
class AdmissionDeclarationsTest {

    private static final OperatorInjectables INJECTABLES =
            new OperatorInjectables(null, OperatorSettings.defaults(), new Memo());

    public static class Valid {
        @OnValidate(value = "kopfexamples", operations = {Operation.CREATE, Operation.UPDATE},
                subresource = "*", persistent = true, sideEffects = true, ignoreFailures = true,
                labels = "somelabel=somevalue")
        public void check(Operation operation, Subresource subresource, DryRun dryRun,
                Warnings warnings, UserInfo userInfo, Headers headers, SslPeer sslPeer) {
        }

        @OnMutate(value = "kopfexamples", id = "defaults")
        public void mutate(Patch patch) {
        }
    }

    public static class Invalid {
        @OnValidate(value = "kopfexamples", subresource = "Status!",
                operations = {Operation.CREATE, Operation.CREATE})
        public void badOptions() {
        }

        @OnMutate("kopfexamples")
        public void badParameters(Reason reason, Retry retry) {
        }

        @OnValidate(value = "kopfexamples", id = "same")
        public void first() {
        }

        @OnValidate(value = "configmaps", id = "same")
        public void second() {
        }
    }

    @Test
    void readsEveryOption() {
        OperatorRegistry registry = HandlerDiscovery.register(List.of(Valid.class), INJECTABLES);
        assertThat(registry.webhookHandlers()).hasSize(2);
        assertThat(registry.selectors()).as("admission resources are not watched").isEmpty();
        WebhookHandler check = registry.webhookHandlers().get(0);
        assertThat(check.id()).isEqualTo("check");
        assertThat(check.type()).isEqualTo(WebhookType.VALIDATING);
        assertThat(check.options()).isEqualTo(new WebhookHandler.Options(
                Set.of(Operation.CREATE, Operation.UPDATE), "*", true, true, true));
        assertThat(check.filters().labels()).containsEntry("somelabel", "somevalue");
        WebhookHandler mutate = registry.webhookHandlers().get(1);
        assertThat(mutate.id()).isEqualTo("defaults");
        assertThat(mutate.type()).isEqualTo(WebhookType.MUTATING);
        assertThat(mutate.options()).isEqualTo(
                new WebhookHandler.Options(Set.of(), null, false, false, false));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        HandlerDeclarationException exception = catchThrowableOfType(
                HandlerDeclarationException.class,
                () -> HandlerDiscovery.register(List.of(Invalid.class), INJECTABLES));
        assertThat(exception).isNotNull();
        String prefix = Invalid.class.getName() + ".";
        assertThat(exception.problems()).containsExactlyInAnyOrder(
                "@OnValidate subresource must be a subresource's name, e.g. \"status\", or"
                        + " \"*\" for all, not \"Status!\". Leave it out for the object itself."
                        + "\n  at " + prefix + "badOptions()",
                "@OnValidate operations repeat a value: [CREATE, CREATE]. Name each of"
                        + " CREATE, UPDATE, DELETE, CONNECT once.\n  at " + prefix
                        + "badOptions()",
                exception.problems().stream().filter(p -> p.contains("#1 of type Reason"))
                        .findFirst().orElse("missing: Reason"),
                exception.problems().stream().filter(p -> p.contains("#2 of type Retry"))
                        .findFirst().orElse("missing: Retry"),
                "@OnValidate id 'same' is declared twice. The id is the webhook's URL path"
                        + " and name, so give one of them another id, e.g. id = \""
                        + DuplicateIds.suggest(prefix + "second()") + "\".\n  at " + prefix
                        + "first()\n  at " + prefix + "second()");
        assertThat(exception.problems().stream().filter(p -> p.contains("type Reason")))
                .singleElement().asString().contains("into admission handlers")
                .contains("Warnings").contains("DryRun");
    }
}
