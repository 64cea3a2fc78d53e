package dev.kopf.internal.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class PermissionDenialTest {

    static final String MESSAGE = "pods is forbidden: User \"u\" cannot list resource \"pods\" "
            + "in API group \"\" in the namespace \"ns\"";

    @Test
    void aRefusedPatchGivesTheServersSentence() {
        ApiException refused = ApiException.fromResponse(403, ("{\"kind\":\"Status\","
                + "\"message\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(MESSAGE)
                + ",\"code\":403}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(PermissionDenial.describe(new RuntimeException("wrapped", refused)))
                .isEqualTo(MESSAGE);
    }

    @Test
    void aRefusedWatchGivesTheStatusMessage() {
        KubernetesClientException refused = new KubernetesClientException(new StatusBuilder()
                .withCode(403).withMessage(MESSAGE).build());
        assertThat(PermissionDenial.describe(refused)).isEqualTo(MESSAGE);
    }

    @Test
    void otherErrorsAreNoDenial() {
        assertThat(PermissionDenial.describe(new ApiException("conflict", 409, null))).isNull();
        assertThat(PermissionDenial.describe(new IllegalStateException("x"))).isNull();
    }
}
