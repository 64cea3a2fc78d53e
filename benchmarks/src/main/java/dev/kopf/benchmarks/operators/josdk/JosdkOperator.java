package dev.kopf.benchmarks.operators.josdk;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Map;

/**
 * The benchmark's JOSDK 5.2.3 operator: a reconciler that patches
 * {@code status.createFn = {message: hello world}} once per object.
 *
 * <p>JOSDK 5 patches the primary resource's status with server-side apply by default, which
 * the embedded API server (like the fabric8 mock) refuses with 415; it is switched off
 * ({@code withUseSSAToPatchPrimaryResource(false)}), so {@code UpdateControl.patchStatus}
 * sends a JSON merge patch of the status subresource. Everything else is JOSDK's default
 * (reconciliation threads, generation awareness, no finalizer without a {@code Cleaner}).
 * Args: the namespace to watch (default {@code default}). KUBECONFIG as fabric8 reads it.
 */
public final class JosdkOperator {

    private JosdkOperator() {
    }

    public static void main(String[] args) {
        String namespace = args.length > 0 ? args[0] : "default";
        Operator operator = new Operator(o -> o.withUseSSAToPatchPrimaryResource(false));
        operator.register(new HelloReconciler(), c -> c.settingNamespaces(namespace));
        operator.installShutdownHook(java.time.Duration.ofSeconds(5));
        operator.start();
    }

    /** Writes the status once; later events of an already handled object change nothing. */
    @ControllerConfiguration(name = "kopfexamples")
    public static final class HelloReconciler implements Reconciler<KopfExample> {
        @Override
        public UpdateControl<KopfExample> reconcile(KopfExample resource,
                Context<KopfExample> context) {
            if (resource.getStatus() != null && resource.getStatus().getCreateFn() != null) {
                return UpdateControl.noUpdate();
            }
            KopfExampleStatus status = new KopfExampleStatus();
            status.setCreateFn(Map.of("message", "hello world"));
            resource.setStatus(status);
            return UpdateControl.patchStatus(resource);
        }
    }
}
