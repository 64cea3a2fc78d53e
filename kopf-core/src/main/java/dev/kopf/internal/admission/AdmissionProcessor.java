package dev.kopf.internal.admission;

import dev.kopf.AdmissionException;
import dev.kopf.Body;
import dev.kopf.DryRun;
import dev.kopf.Headers;
import dev.kopf.IndexView;
import dev.kopf.Memo;
import dev.kopf.Operation;
import dev.kopf.Patch;
import dev.kopf.PermanentException;
import dev.kopf.Resource;
import dev.kopf.SslPeer;
import dev.kopf.Subresource;
import dev.kopf.TemporaryException;
import dev.kopf.Warnings;
import dev.kopf.internal.actions.AdmissionValues;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.actions.ObjectLogger;
import dev.kopf.internal.intents.WebhookHandler;
import dev.kopf.internal.intents.WebhookHandler.WebhookType;
import dev.kopf.internal.structs.CompactJson;
import dev.kopf.internal.structs.Diffs;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Serves one AdmissionReview, as Kopf's {@code serve_admission_request}: finds the resource,
 * selects the handlers (only the one named in the URL when it names one), calls each once,
 * and builds the answer with the chosen error, the warnings and the mutations as JSONPatch.
 *
 * <p>Called by the webhook server's threads, one request each; separate from the server so
 * that the wire format can be tested without HTTP.
 */
public final class AdmissionProcessor {

    private final List<WebhookHandler> handlers;
    private final List<Resource> resources;
    private final Memo memo;
    private final KubernetesClient client;
    private final Function<String, IndexView<?, ?>> indices;
    /** The framework's own handlers: their successes are logged at DEBUG, not per object. */
    private final Set<String> builtIn;

    /**
     * Creates a processor.
     *
     * @param handlers the admission handlers
     * @param resources the served resources the handlers select, to recognise requests
     * @param memo the operator's memo, given to every handler
     * @param client the operator's client, or {@code null}
     * @param indices finds an index by id, or {@code null} without indexes
     */
    public AdmissionProcessor(List<WebhookHandler> handlers, List<Resource> resources, Memo memo,
            KubernetesClient client, Function<String, IndexView<?, ?>> indices) {
        this(handlers, resources, memo, client, indices, Set.of());
    }

    /**
     * Creates a processor that also serves the framework's own handlers.
     *
     * @param handlers the admission handlers, the built-in ones included
     * @param resources the served resources the handlers select, to recognise requests
     * @param memo the operator's memo, given to every handler
     * @param client the operator's client, or {@code null}
     * @param indices finds an index by id, or {@code null} without indexes
     * @param builtIn the ids of the built-in handlers, whose successes are logged at DEBUG
     *     (the sharding assignment would otherwise say so for every created object)
     */
    public AdmissionProcessor(List<WebhookHandler> handlers, List<Resource> resources, Memo memo,
            KubernetesClient client, Function<String, IndexView<?, ?>> indices,
            Set<String> builtIn) {
        this.builtIn = Set.copyOf(builtIn);
        this.handlers = List.copyOf(handlers);
        this.resources = List.copyOf(resources);
        this.memo = memo == null ? new Memo() : memo;
        this.client = client;
        this.indices = indices;
    }

    /**
     * The HTTP-level details of one webhook request.
     *
     * @param webhookId the handler id from the URL path, or {@code null} for all handlers
     * @param type the kind of handlers to call, or {@code null} for both
     * @param headers the request's headers
     * @param sslPeer the client's certificate
     */
    public record Call(String webhookId, WebhookType type, Headers headers, SslPeer sslPeer) {
    }

    /**
     * Serves a parsed AdmissionReview.
     *
     * @param review the parsed JSON body
     * @param call the HTTP-level details
     * @return the AdmissionReview answer
     * @throws WebhookRequestException when the review is malformed or not for these handlers
     */
    public Map<String, Object> serve(Object review, Call call) {
        AdmissionRequest request = AdmissionRequest.parse(review);
        Resource resource = findResource(request);
        Map<String, Object> raw = request.body();
        Body body = new Body(raw);
        Patch patch = new Patch();
        Warnings warnings = new Warnings();
        AdmissionValues values = new AdmissionValues(request.operation(),
                new Subresource(request.subresource()),
                request.dryRun() ? DryRun.ON : DryRun.OFF, warnings, request.userInfo(),
                call.headers() == null ? Headers.NONE : call.headers(),
                call.sslPeer() == null ? SslPeer.NONE : call.sslPeer());
        ObjectLogger logger = logger(raw);
        DefaultContext base = DefaultContext.builder().body(body).patch(patch)
                .diff(Diffs.diff(request.oldObject(), request.object()))
                .oldValue(request.oldObject()).newValue(request.object()).logger(logger)
                .memo(memo).resource(resource).client(client).indices(indices)
                .admission(values).build();
        Map<String, Throwable> errors = new LinkedHashMap<>();
        for (WebhookHandler handler : handlers) {
            DefaultContext context = base.toBuilder().handlerId(handler.id())
                    .param(handler.param()).build();
            if (!isSelected(handler, request, resource, call, context, errors)) {
                continue;
            }
            try {
                handler.fn().call(context);
                if (builtIn.contains(handler.id())) {
                    logger.debug("Handler '{}' succeeded.", handler.id());
                } else {
                    logger.info("Handler '{}' succeeded.", handler.id());
                }
            } catch (PermanentException e) {
                logger.error("Handler '{}' failed permanently: {}", handler.id(),
                        e.getMessage());
                errors.put(handler.id(), e);
            } catch (Exception | LinkageError e) {
                logger.error("Handler '" + handler.id() + "' failed with an exception."
                        + " Will stop.", e);
                errors.put(handler.id(), e);
            }
        }
        return respond(request, errors.values(), warnings,
                JsonPatches.of(raw, patch.asMap()));
    }

    private boolean isSelected(WebhookHandler handler, AdmissionRequest request,
            Resource resource, Call call, DefaultContext context, Map<String, Throwable> errors) {
        if ((call.webhookId() != null && !call.webhookId().equals(handler.id()))
                || (call.type() != null && call.type() != handler.type())
                || !handler.selector().matches(resource)) {
            return false;
        }
        // For deletion, mutating handlers run only when explicitly registered for it.
        if (handler.type() == WebhookType.MUTATING && request.operation() == Operation.DELETE
                && !handler.options().operations().equals(Set.of(Operation.DELETE))) {
            return false;
        }
        try {
            return handler.matches(request.subresource(), request.body(), context);
        } catch (Exception e) {
            context.logger().error("Filter of handler '" + handler.id() + "' failed.", e);
            errors.put(handler.id(), e);
            return false;
        }
    }

    private Resource findResource(AdmissionRequest request) {
        List<Resource> found = new ArrayList<>();
        for (Resource resource : resources) {
            if (resource.group().equals(request.group())
                    && resource.version().equals(request.version())
                    && resource.plural().equals(request.plural())) {
                found.add(resource);
            }
        }
        if (found.size() > 1) {
            throw new WebhookRequestException(409, "The specified resource is ambiguous: "
                    + request.group() + "/" + request.version() + "/" + request.plural() + ".");
        }
        if (!found.isEmpty()) {
            return found.get(0);
        }
        // Not scanned (e.g. a CRD created after start-up): recognise it from the request.
        Resource guessed = new Resource(request.group(), request.version(), request.plural(),
                request.kindOfObject(), true, List.of(), List.of());
        if (handlers.stream().noneMatch(handler -> handler.selector().matches(guessed))) {
            throw new WebhookRequestException(404, "The specified resource has no handlers: "
                    + request.group() + "/" + request.version() + "/" + request.plural() + ".");
        }
        return guessed;
    }

    /** Builds the answer as Kopf's {@code build_response}. */
    static Map<String, Object> respond(AdmissionRequest request,
            java.util.Collection<Throwable> errors, Warnings warnings,
            List<Map<String, Object>> jsonPatch) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("uid", request.uid());
        response.put("allowed", errors.isEmpty());
        if (!warnings.isEmpty()) {
            response.put("warnings", warnings.asList());
        }
        if (!jsonPatch.isEmpty()) {
            response.put("patch", Base64.getEncoder().encodeToString(
                    CompactJson.write(jsonPatch).getBytes(StandardCharsets.UTF_8)));
            response.put("patchType", "JSONPatch");
        }
        // Admission errors first, then Kopf's own, then arbitrary ones, as Kopf chooses.
        errors.stream().min(Comparator.comparingInt(AdmissionProcessor::rank)).ifPresent(e -> {
            Map<String, Object> status = new LinkedHashMap<>();
            String message = e.getMessage();
            status.put("message", message == null || message.isEmpty() ? e.toString() : message);
            int code = e instanceof AdmissionException admission ? admission.code() : 0;
            status.put("code", code == 0 ? AdmissionException.DEFAULT_CODE : code);
            response.put("status", status);
        });
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("apiVersion", request.apiVersion());
        review.put("kind", request.kind());
        review.put("response", response);
        return review;
    }

    private static int rank(Throwable error) {
        return error instanceof AdmissionException ? 0 : error instanceof PermanentException ? 1
                : error instanceof TemporaryException ? 2 : 9;
    }

    @SuppressWarnings("unchecked")
    private static ObjectLogger logger(Map<String, Object> body) {
        Map<String, String> context = new HashMap<>();
        Object metadata = body.get("metadata");
        Map<String, Object> meta = metadata instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        putText(context, "kopf.namespace", meta.get("namespace"));
        putText(context, "kopf.name", meta.get("name"));
        putText(context, "kopf.kind", body.get("kind"));
        putText(context, "kopf.apiVersion", body.get("apiVersion"));
        return new ObjectLogger(context, null, Level.INFO);
    }

    private static void putText(Map<String, String> context, String key, Object value) {
        if (value != null) {
            context.put(key, String.valueOf(value));
        }
    }

    /** The operator-level logger name, for messages about requests rather than objects. */
    static final Logger LOGGER = org.slf4j.LoggerFactory.getLogger(AdmissionProcessor.class);
}
