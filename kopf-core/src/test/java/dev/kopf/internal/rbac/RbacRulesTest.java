package dev.kopf.internal.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Daemon;
import dev.kopf.Index;
import dev.kopf.Memo;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnEvent;
import dev.kopf.OperatorSettings;
import dev.kopf.Resource;
import dev.kopf.internal.discovery.HandlerDiscovery;
import dev.kopf.internal.discovery.OperatorInjectables;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.storage.AnnotationsDiffBaseStorage;
import dev.kopf.storage.AnnotationsProgressStorage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RbacRulesTest {

    static final Resource EXAMPLES = new Resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", true, List.of("kex"), List.of("status"));
    static final Resource PODS = new Resource("", "v1", "pods", "Pod", true, List.of("po"),
            List.of("status"));
    static final Resource NODES = new Resource("", "v1", "nodes", "Node", false, List.of(),
            List.of("status"));
    static final Resource CONFIGMAPS = new Resource("", "v1", "configmaps", "ConfigMap", true,
            List.of("cm"), List.of());
    static final List<Resource> SERVED = List.of(EXAMPLES, PODS, NODES, CONFIGMAPS);

    public static class Changing {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> created() {
            return Map.of();
        }

        @OnDelete("kopfexamples.kopf.dev")
        public void deleted() {
        }
    }

    public static class Watching {
        @OnEvent("pods")
        public void seen() {
        }

        @Index("configmaps")
        public String indexed() {
            return "x";
        }
    }

    public static class Spawning {
        @Daemon("nodes")
        public void watchNode() {
        }
    }

    static OperatorRegistry registry(Class<?>... classes) {
        return HandlerDiscovery.register(List.of(classes),
                new OperatorInjectables(null, OperatorSettings.defaults(), new Memo()));
    }

    static List<RoleSpec> roles(OperatorSettings settings, Serving serving,
            Class<?>... classes) {
        RbacRules.Derivation derivation = RbacRules.derive(registry(classes), settings,
                SERVED, serving);
        assertThat(derivation.problems()).isEmpty();
        return RolePlan.plan(derivation.needs(), serving);
    }

    static Serving namespaces(String... names) {
        return new Serving(List.of(names), false, "operators");
    }

    static List<String> summary(RoleSpec role) {
        return role.rules().stream()
                .map(r -> r.apiGroup() + ":" + r.resource() + "=" + r.verbs()).toList();
    }

    @Test
    void changingHandlersNeedWatchPatchStatusAndEvents() {
        List<RoleSpec> roles = roles(OperatorSettings.defaults(), namespaces("ns1", "ns2"),
                Changing.class);
        assertThat(roles).extracting(RoleSpec::namespace).containsExactly("ns1", "ns2");
        assertThat(summary(roles.get(0))).containsExactly(
                ":events=[create]",
                "kopf.dev:kopfexamples=[get, list, watch, patch]",
                "kopf.dev:kopfexamples/status=[patch]");
        assertThat(roles.get(0).rules().get(1).reasons()).anySatisfy(reason ->
                assertThat(reason).contains("@OnCreate 'created'")
                        .contains("@OnDelete 'deleted'"));
    }

    @Test
    void eventHandlersPatchButDoNotWriteStatusAndIndexesOnlyWatch() {
        List<RoleSpec> roles = roles(OperatorSettings.defaults(), namespaces("ns1"),
                Watching.class);
        assertThat(summary(roles.get(0))).containsExactly(
                ":configmaps=[list, watch]",
                ":events=[create]",
                ":pods=[get, list, watch, patch]");
    }

    @Test
    void clusterScopedResourcesGoToTheClusterRoleAndTheirEventsToTheOperatorNamespace() {
        List<RoleSpec> roles = roles(OperatorSettings.defaults(), namespaces("ns1"),
                Spawning.class);
        assertThat(roles).extracting(RoleSpec::namespace).containsExactly(null, "operators");
        assertThat(summary(roles.get(0))).containsExactly(
                ":nodes=[get, list, watch, patch]", ":nodes/status=[patch]");
        assertThat(summary(roles.get(1))).containsExactly(":events=[create]");
    }

    @Test
    void daemonsWriteNoStatusWhenProgressIsInAnnotations() {
        OperatorSettings settings = OperatorSettings.defaults().toBuilder()
                .persistence(p -> p.withProgressStorage(new AnnotationsProgressStorage())
                        .withDiffBaseStorage(new AnnotationsDiffBaseStorage()))
                .build();
        List<RoleSpec> roles = roles(settings, namespaces("ns1"), Spawning.class);
        assertThat(summary(roles.get(0))).containsExactly(":nodes=[get, list, watch, patch]");
    }

    @Test
    void noEventsRuleWhenPostingIsDisabled() {
        OperatorSettings settings = OperatorSettings.defaults().toBuilder()
                .posting(p -> p.withEnabled(false)).build();
        List<RoleSpec> roles = roles(settings, namespaces("ns1"), Changing.class);
        assertThat(summary(roles.get(0))).noneMatch(rule -> rule.contains("events"));
    }

    @Test
    void clusterwideAndGlobsUseOneClusterRole() {
        List<RoleSpec> all = roles(OperatorSettings.defaults(),
                new Serving(List.of(), true, "operators"), Changing.class);
        assertThat(all).extracting(RoleSpec::namespace).containsExactly((String) null);
        assertThat(summary(all.get(0))).doesNotContain(":namespaces=[list, watch]")
                .contains("apiextensions.k8s.io:customresourcedefinitions=[list, watch]");

        List<RoleSpec> globs = roles(OperatorSettings.defaults(), namespaces("team-*,!team-x"),
                Changing.class);
        assertThat(globs).extracting(RoleSpec::namespace).containsExactly((String) null);
        assertThat(summary(globs.get(0))).contains(":namespaces=[list, watch]",
                "apiextensions.k8s.io:customresourcedefinitions=[list, watch]");
    }

    @Test
    void unservedSelectorsAreProblemsNamingTheHandlers() {
        RbacRules.Derivation derivation = RbacRules.derive(registry(Changing.class),
                OperatorSettings.defaults(), List.of(PODS), namespaces("ns1"));
        assertThat(derivation.problems()).containsExactly("Resource 'kopfexamples.kopf.dev' of "
                + "@OnCreate 'created', @OnDelete 'deleted' is not served by "
                + "the API server or is ambiguous. Give its CRD with --apply FILE.");
    }

    @Test
    void featuresAddTheirNeeds() {
        Serving serving = namespaces("ns1");
        List<PermissionNeed> needs = new java.util.ArrayList<>();
        needs.addAll(FeatureNeeds.leaderElection(null));
        needs.addAll(FeatureNeeds.peering("example", false));
        needs.addAll(FeatureNeeds.admission(List.of("Handlers.validate")));
        List<RoleSpec> roles = RolePlan.plan(needs, serving);
        assertThat(roles).extracting(RoleSpec::namespace)
                .containsExactly(null, "operators", "ns1");
        assertThat(summary(roles.get(0))).containsExactly(
                "admissionregistration.k8s.io:mutatingwebhookconfigurations="
                        + "[get, create, patch]",
                "admissionregistration.k8s.io:validatingwebhookconfigurations="
                        + "[get, create, patch]");
        assertThat(summary(roles.get(1))).containsExactly(
                "coordination.k8s.io:leases=[get, create, update]");
        assertThat(summary(roles.get(2))).containsExactly(
                "kopf.dev:kopfpeerings=[get, list, watch, patch]");
        assertThat(summary(RolePlan.plan(FeatureNeeds.peering("example", true), serving)
                .get(0))).containsExactly("kopf.dev:clusterkopfpeerings=[get, list, watch, patch]");
    }
}
