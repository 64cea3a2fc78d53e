package dev.kopf.testing.internal.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label and field selector parsing and matching. */
class ApiServerSelectorsTest {
    private static final JsonNode LABELS = JsonNodes.parse(
            "{\"env\":\"prod\",\"tier\":\"web\",\"replicas\":\"3\"}"
                    .getBytes(StandardCharsets.UTF_8));
    private static final JsonNode OBJECT = JsonNodes.parse(("{\"metadata\":{\"name\":\"x\","
            + "\"namespace\":\"ns\"},\"involvedObject\":{\"kind\":\"Pod\",\"uid\":\"u1\"},"
            + "\"count\":2,\"spec\":{\"nodeName\":null}}").getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                              | true",
        "env                             | true",
        "!env                            | false",
        "!missing                        | true",
        "env=prod                        | true",
        "env==prod                       | true",
        "env!=prod                       | false",
        "missing!=prod                   | true",
        "env in (prod, dev)              | true",
        "env in (dev)                    | false",
        "env notin (dev,qa)              | true",
        "missing notin (dev)             | true",
        "env in (prod),tier notin (db)   | true",
        "env in (prod),tier=db           | false",
        "replicas>2                      | true",
        "replicas<3                      | false",
        "' env = prod , tier '           | true",
    })
    void labelSelectorsMatchLikeKubernetes(String selector, boolean matches) {
        assertThat(LabelSelector.parse(selector).matches(LABELS)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"env in prod", "=x", "env in (a", "a b"})
    void malformedLabelSelectorsAreBadRequests(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOfSatisfying(ApiStatusException.class,
                        e -> assertThat(e.code()).isEqualTo(400));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metadata.name=x                                  | true",
        "metadata.name!=x                                 | false",
        "metadata.namespace==ns,involvedObject.kind=Pod   | true",
        "involvedObject.uid=u2                            | false",
        "count=2                                          | true",
        "spec.nodeName=                                   | true",
        "status.phase!=Running                            | true",
    })
    void fieldSelectorsReadDottedPaths(String selector, boolean matches) {
        assertThat(FieldSelector.parse(selector).matches(OBJECT)).isEqualTo(matches);
    }
}
