package dev.kopf.cli;

import java.net.URI;
import java.util.List;

/**
 * The YAML of the operator's Deployment, and of the Service in front of its admission
 * webhooks when it has any.
 *
 * <p>The pod runs as a non-root user with a read-only root filesystem (an {@code emptyDir}
 * at {@code /tmp} for what the JVM writes there), the liveness probe on the {@code -L}
 * endpoint, resource requests sized from {@code docs/performance.md}, and
 * {@code strategy: Recreate} while only one replica may run: without leader election a
 * rolling update would run two operators on the same objects.
 *
 * @param name the operator's name
 * @param namespace the operator's namespace
 * @param image the container image
 * @param replicas how many pods
 * @param args the container's arguments: {@code kopf run}'s options and paths
 * @param liveness the {@code -L} URL
 * @param singleton whether only one replica may run at a time (no leader election)
 * @param webhookPort the webhook server's port, or 0 without admission handlers
 */
record DeploymentManifest(String name, String namespace, String image, int replicas,
        List<String> args, URI liveness, boolean singleton, int webhookPort) {

    /** Kopf's usual user id in images: any non-root id works with runAsNonRoot. */
    static final int USER_ID = 10001;

    DeploymentManifest {
        args = List.copyOf(args);
    }

    String deployment() {
        StringBuilder yaml = new StringBuilder()
                .append("apiVersion: apps/v1\n")
                .append("kind: Deployment\n")
                .append(RbacManifests.metadata(name, namespace))
                .append("spec:\n")
                .append("  replicas: ").append(replicas).append('\n');
        if (singleton) {
            yaml.append("  # One operator at a time: a rolling update would briefly run two.\n")
                    .append("  strategy:\n")
                    .append("    type: Recreate\n");
        }
        yaml.append("  selector:\n")
                .append("    matchLabels:\n")
                .append("      app.kubernetes.io/name: ").append(quoted(name)).append('\n')
                .append("  template:\n")
                .append("    metadata:\n")
                .append("      labels:\n")
                .append("        app.kubernetes.io/name: ").append(quoted(name)).append('\n')
                .append("    spec:\n")
                .append("      serviceAccountName: ").append(quoted(name)).append('\n')
                .append("      securityContext:\n")
                .append("        runAsNonRoot: true\n")
                .append("        runAsUser: ").append(USER_ID).append('\n')
                .append("        runAsGroup: ").append(USER_ID).append('\n')
                .append("        seccompProfile:\n")
                .append("          type: RuntimeDefault\n")
                .append("      containers:\n")
                .append("        - name: operator\n")
                .append("          image: ").append(quoted(image)).append('\n')
                .append("          args: ").append(RbacManifests.flow(args)).append('\n')
                .append("          env:\n")
                .append("            # The peering identity and the leader Lease's namespace.\n")
                .append("            - name: POD_ID\n")
                .append("              valueFrom:\n")
                .append("                fieldRef:\n")
                .append("                  fieldPath: metadata.name\n")
                .append("            - name: POD_NAMESPACE\n")
                .append("              valueFrom:\n")
                .append("                fieldRef:\n")
                .append("                  fieldPath: metadata.namespace\n")
                .append("          ports:\n")
                .append("            - name: liveness\n")
                .append("              containerPort: ").append(livenessPort()).append('\n');
        if (webhookPort > 0) {
            yaml.append("            - name: webhooks\n")
                    .append("              containerPort: ").append(webhookPort).append('\n');
        }
        yaml.append("          livenessProbe:\n")
                .append("            httpGet:\n")
                .append("              path: ").append(quoted(livenessPath())).append('\n')
                .append("              port: liveness\n")
                .append("            initialDelaySeconds: 10\n")
                .append("            periodSeconds: 10\n")
                .append("            failureThreshold: 3\n")
                .append("          resources:\n")
                .append("            requests:\n")
                .append("              cpu: \"100m\"\n")
                .append("              memory: \"192Mi\"\n")
                .append("            limits:\n")
                .append("              memory: \"384Mi\"\n")
                .append("          securityContext:\n")
                .append("            allowPrivilegeEscalation: false\n")
                .append("            readOnlyRootFilesystem: true\n")
                .append("            capabilities:\n")
                .append("              drop: [\"ALL\"]\n")
                .append("          volumeMounts:\n")
                .append("            - name: tmp\n")
                .append("              mountPath: /tmp\n")
                .append("      volumes:\n")
                .append("        - name: tmp\n")
                .append("          emptyDir: {}\n");
        return yaml.toString();
    }

    /** The Service of the admission webhooks, or {@code null} without any. */
    String service() {
        if (webhookPort <= 0) {
            return null;
        }
        return "apiVersion: v1\n"
                + "kind: Service\n"
                + RbacManifests.metadata(name, namespace)
                + "spec:\n"
                + "  selector:\n"
                + "    app.kubernetes.io/name: " + quoted(name) + "\n"
                + "  ports:\n"
                + "    - name: webhooks\n"
                + "      port: 443\n"
                + "      targetPort: webhooks\n";
    }

    private int livenessPort() {
        return liveness.getPort() > 0 ? liveness.getPort() : 80;
    }

    private String livenessPath() {
        return liveness.getRawPath() == null || liveness.getRawPath().isEmpty()
                ? "/" : liveness.getRawPath();
    }

    private static String quoted(String value) {
        return RbacManifests.quoted(value);
    }
}
