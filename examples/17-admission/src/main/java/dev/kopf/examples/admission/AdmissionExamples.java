package dev.kopf.examples.admission;

import dev.kopf.AdmissionException;
import dev.kopf.DryRun;
import dev.kopf.Headers;
import dev.kopf.OnMutate;
import dev.kopf.OnStartup;
import dev.kopf.OnValidate;
import dev.kopf.OperatorSettings;
import dev.kopf.Patch;
import dev.kopf.Spec;
import dev.kopf.SslPeer;
import dev.kopf.Status;
import dev.kopf.Subresource;
import dev.kopf.Warnings;
import dev.kopf.WebhookServer;
import java.util.Objects;

/** Kopf's example 17: validating and mutating admission webhooks, managed by the operator. */
public class AdmissionExamples {

    /**
     * Serves the webhooks and manages their configurations. Other servers, as in Kopf's
     * example: {@code WebhookServer.local()}, {@code .withCertificate(cert, key)},
     * {@code WebhookServer.k3d()}, {@code .minikube()}, {@code .dockerDesktop()}.
     */
    @OnStartup
    public void config(OperatorSettings.Builder settings) {
        settings.admission(a -> a.server(WebhookServer.auto()).managed("auto.kopf.dev"));
    }

    @OnValidate("kex")
    public void authhook(Headers headers, SslPeer sslPeer, Warnings warnings) {
        String userAgent = Objects.requireNonNullElse(headers.get("User-Agent"),
                "(unidentified)");
        warnings.add("Accessing as user-agent: " + userAgent);
        if (sslPeer.subject() == null) {
            warnings.add("SSL peer is not identified.");
        } else {
            warnings.add("SSL peer is " + sslPeer.subject() + ".");
        }
    }

    @OnValidate("kex")
    public void validate1(Spec spec, DryRun dryRun) {
        if (!dryRun.isOn() && "wrong".equals(spec.get("field"))) {
            throw new AdmissionException("Meh! I don't like it. Change the field.");
        }
    }

    @OnValidate(value = "kex", field = "spec.field", fieldValue = "not-allowed")
    public void validate2() {
        throw new AdmissionException("I'm too lazy anyway. Go away!", 555);
    }

    @OnValidate(value = "kex", subresource = "*")
    public void validateSubresources(Spec spec, Subresource subresource, Status status,
            Warnings warnings) {
        Object specField = spec.get("field");
        Object statusField = status.get("field");
        if ("status".equals(subresource.name()) && !Objects.equals(statusField, specField)) {
            throw new AdmissionException("status.field MUST be equal to spec.field!");
        } else if (subresource.isMain() && !Objects.equals(statusField, specField)) {
            warnings.add("Also update status.field to match spec.field: '" + specField
                    + "' != '" + statusField + "'");
        }
    }

    @OnMutate(value = "kex", labels = "somelabel=somevalue")
    public void mutate1(Patch patch) {
        patch.spec().put("injected", 123);
    }
}
