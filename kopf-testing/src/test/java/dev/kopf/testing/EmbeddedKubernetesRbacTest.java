package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.http;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The RBAC mode: ServiceAccount tokens, and authorization as Kubernetes' RBAC does it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedKubernetesRbacTest {

    private EmbeddedKubernetes server;
    private KubernetesClient admin;
    private String namespace;
    private String other;
    private String account;
    private String user;
    private KubernetesClient client;

    @BeforeAll
    void startServer() {
        server = EmbeddedKubernetes.startWithRbac();
        admin = server.newClient();
    }

    @AfterAll
    void stopServer() {
        admin.close();
        server.close();
    }

    @BeforeEach
    void createServiceAccount() {
        namespace = newNamespace(admin);
        other = newNamespace(admin);
        account = "operator-" + UUID.randomUUID().toString().substring(0, 8);
        user = "system:serviceaccount:" + namespace + ":" + account;
        admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName(account).endMetadata().build()).create();
        client = server.newClient(server.tokenFor(namespace, account));
        for (String ns : List.of(namespace, other)) {
            admin.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("cm").endMetadata().build()).create();
        }
    }

    private Subject serviceAccount() {
        return new SubjectBuilder().withKind("ServiceAccount").withName(account)
                .withNamespace(namespace).build();
    }

    private static PolicyRule rule(String group, String resource, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resource)
                .withVerbs(verbs).build();
    }

    private void grantRole(String ns, PolicyRule... rules) {
        String name = "role-" + UUID.randomUUID().toString().substring(0, 8);
        admin.rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata()
                .withName(name).endMetadata().withRules(rules).build()).create();
        admin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
                .withSubjects(serviceAccount()).build()).create();
    }

    private String clusterRole(PolicyRule... rules) {
        String name = "cluster-role-" + UUID.randomUUID().toString().substring(0, 8);
        admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata()
                .withName(name).endMetadata().withRules(rules).build()).create();
        return name;
    }

    private void bindClusterWide(String role, Subject subject) {
        admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
                .withNewMetadata().withName(role).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                .withSubjects(subject).build()).create();
    }

    @Test
    void withoutRolesEverythingButDiscoveryIsForbiddenWithKubernetesMessage() {
        assertThat(client.getApiGroups().getGroups()).isNotEmpty();
        assertThat(client.getApiResources("v1").getResources()).isNotEmpty();

        KubernetesClientException error = failure(() ->
                client.configMaps().inNamespace(namespace).list());
        assertThat(error.getCode()).isEqualTo(403);
        assertThat(error.getStatus().getReason()).isEqualTo("Forbidden");
        assertThat(error.getStatus().getMessage()).isEqualTo("configmaps is forbidden: User \""
                + user + "\" cannot list resource \"configmaps\" in API group \"\" in the "
                + "namespace \"" + namespace + "\"");
        assertThat(error.getStatus().getDetails().getKind()).isEqualTo("configmaps");

        KubernetesClientException cluster = failure(() -> client.namespaces().list());
        assertThat(cluster.getStatus().getMessage()).isEqualTo("namespaces is forbidden: User \""
                + user + "\" cannot list resource \"namespaces\" in API group \"\" at the "
                + "cluster scope");
    }

    @Test
    void aRoleGrantsItsVerbsInItsNamespaceOnly() {
        grantRole(namespace, rule("", "configmaps", "get", "list"));

        assertThat(client.configMaps().inNamespace(namespace).list().getItems()).hasSize(1);
        assertThat(client.configMaps().inNamespace(namespace).withName("cm").get()).isNotNull();
        assertThat(failure(() -> client.configMaps().inNamespace(other).list()).getCode())
                .isEqualTo(403);
        KubernetesClientException delete = failure(() ->
                client.configMaps().inNamespace(namespace).withName("cm").delete());
        assertThat(delete.getStatus().getMessage()).isEqualTo("configmaps \"cm\" is forbidden: "
                + "User \"" + user + "\" cannot delete resource \"configmaps\" in API group \"\" "
                + "in the namespace \"" + namespace + "\"");
    }

    @Test
    void subresourcesNeedTheirOwnRule() {
        grantRole(namespace, rule("", "serviceaccounts", "patch"));
        String path = "/api/v1/namespaces/" + namespace + "/serviceaccounts/" + account;
        String merge = "application/merge-patch+json";
        assertThat(http(client, "PATCH", path, merge, "{}").code()).isEqualTo(200);
        HttpResponse<String> status = http(client, "PATCH", path + "/status", merge, "{}");
        assertThat(status.code()).isEqualTo(403);
        assertThat(status.body()).contains("cannot patch resource \\\"serviceaccounts/status\\\"");

        grantRole(namespace, new PolicyRuleBuilder().withApiGroups("")
                .withResources("*/status").withVerbs("*").build());
        assertThat(http(client, "PATCH", path + "/status", merge, "{}").code())
                .isNotEqualTo(403);
    }

    @Test
    void resourceNamesLimitToTheNamedObjects() {
        admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("secret-ish").endMetadata().build()).create();
        grantRole(namespace, new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                .withResourceNames("cm").withVerbs("get", "list").build());

        assertThat(client.configMaps().inNamespace(namespace).withName("cm").get()).isNotNull();
        assertThat(failure(() -> client.configMaps().inNamespace(namespace)
                .withName("secret-ish").get()).getCode()).isEqualTo(403);
        assertThat(failure(() -> client.configMaps().inNamespace(namespace).list()).getCode())
                .isEqualTo(403);
    }

    @Test
    void aClusterRoleBoundInANamespaceGrantsThereOnly() {
        String role = clusterRole(rule("", "configmaps", "list"));
        admin.rbac().roleBindings().inNamespace(other).resource(new RoleBindingBuilder()
                .withNewMetadata().withName(role).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                .withSubjects(serviceAccount()).build()).create();

        assertThat(client.configMaps().inNamespace(other).list().getItems()).hasSize(1);
        assertThat(failure(() -> client.configMaps().inNamespace(namespace).list()).getCode())
                .isEqualTo(403);
        assertThat(failure(() -> client.configMaps().inAnyNamespace().list()).getCode())
                .isEqualTo(403);
    }

    @Test
    void aClusterRoleBindingGrantsEverywhereAndWildcardsMatchAll() {
        String role = clusterRole(new PolicyRuleBuilder().withApiGroups("*").withResources("*")
                .withVerbs("list").build());
        bindClusterWide(role, new SubjectBuilder().withKind("Group")
                .withApiGroup("rbac.authorization.k8s.io")
                .withName("system:serviceaccounts:" + namespace).build());

        assertThat(client.configMaps().inAnyNamespace().list().getItems()).hasSizeGreaterThan(1);
        assertThat(client.namespaces().list().getItems()).isNotEmpty();
        assertThat(failure(() -> client.configMaps().inNamespace(other).withName("cm").get())
                .getCode()).isEqualTo(403);
    }

    @Test
    void unknownTokensAreUnauthorizedAndTheAdminClientMayDoAnything() {
        try (KubernetesClient stranger = server.newClient("not-a-token")) {
            assertThat(failure(() -> stranger.configMaps().inNamespace(namespace).list())
                    .getCode()).isEqualTo(401);
        }
        assertThat(admin.configMaps().inNamespace(namespace).list().getItems()).hasSize(1);
    }

    @Test
    void tokensAreIssuedOnlyForExistingServiceAccounts() {
        assertThatThrownBy(() -> server.tokenFor(namespace, "nobody"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ServiceAccount " + namespace + "/nobody does not exist. Create it "
                        + "before asking for a token.");
        try (EmbeddedKubernetes plain = EmbeddedKubernetes.start()) {
            assertThatThrownBy(() -> plain.tokenFor("default", "x"))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void watchesAreAuthorizedAsWatch() {
        grantRole(namespace, rule("", "configmaps", "list"));
        HttpResponse<String> watch = http(client, "GET",
                "/api/v1/namespaces/" + namespace + "/configmaps?watch=true", null, null);
        assertThat(watch.code()).isEqualTo(403);
        assertThat(watch.body()).contains("cannot watch resource \\\"configmaps\\\"");
    }

    @Test
    void aTokenRequestIssuesATokenForTheServiceAccount() {
        io.fabric8.kubernetes.api.model.authentication.TokenRequest issued = admin
                .serviceAccounts().inNamespace(namespace).withName(account)
                .tokenRequest(new io.fabric8.kubernetes.api.model.authentication
                        .TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L)
                        .endSpec().build());
        assertThat(issued.getStatus().getToken()).isNotBlank();
        assertThat(issued.getStatus().getExpirationTimestamp()).isNotBlank();

        try (KubernetesClient viaRequest = server.newClient(issued.getStatus().getToken())) {
            KubernetesClientException refused = failure(() -> viaRequest.serviceAccounts()
                    .inNamespace(namespace).withName(account).tokenRequest(
                            new io.fabric8.kubernetes.api.model.authentication
                                    .TokenRequestBuilder().build()));
            assertThat(refused.getStatus().getMessage()).isEqualTo("serviceaccounts \""
                    + account + "\" is forbidden: User \"" + user + "\" cannot create "
                    + "resource \"serviceaccounts/token\" in API group \"\" in the namespace \""
                    + namespace + "\"");
        }
    }
}
