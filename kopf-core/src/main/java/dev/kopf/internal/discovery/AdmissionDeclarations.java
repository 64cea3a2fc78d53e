package dev.kopf.internal.discovery;

import dev.kopf.Operation;
import dev.kopf.internal.actions.HandlerFn;
import dev.kopf.internal.discovery.HandlerAnnotations.Family;
import dev.kopf.internal.intents.Filters;
import dev.kopf.internal.intents.Selector;
import dev.kopf.internal.intents.WebhookHandler;
import dev.kopf.internal.intents.WebhookHandler.WebhookType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads the admission options of {@code @OnValidate} and {@code @OnMutate} into
 * {@link WebhookHandler}s, and checks what only admission handlers need.
 *
 * <p>Called by {@link DeclarationReader}; separate so that the reader keeps one line per
 * handler family.
 */
final class AdmissionDeclarations {

    /** A subresource name as Kubernetes spells them, e.g. {@code status}, {@code scale}. */
    private static final Pattern SUBRESOURCE = Pattern.compile("[a-z][a-z0-9-]*|\\*");

    private AdmissionDeclarations() {
    }

    /** Adds the problems of admission-only options; does nothing for other families. */
    static void check(String title, Family family, Attributes attributes, List<String> here) {
        if (family != Family.VALIDATING && family != Family.MUTATING) {
            return;
        }
        String subresource = attributes.string("subresource", "");
        if (!subresource.isEmpty() && !SUBRESOURCE.matcher(subresource).matches()) {
            here.add(title + " subresource must be a subresource's name, e.g. \"status\", or"
                    + " \"*\" for all, not \"" + subresource + "\". Leave it out for the"
                    + " object itself.");
        }
        Operation[] operations = operations(attributes);
        if (operations.length != Set.copyOf(Arrays.asList(operations)).size()) {
            here.add(title + " operations repeat a value: " + Arrays.toString(operations)
                    + ". Name each of CREATE, UPDATE, DELETE, CONNECT once.");
        }
    }

    static WebhookHandler handler(String id, Family family, Selector selector, Filters filters,
            HandlerFn fn, Attributes attributes, String location) {
        String subresource = attributes.string("subresource", "");
        WebhookHandler.Options options = new WebhookHandler.Options(
                Set.copyOf(Arrays.asList(operations(attributes))),
                subresource.isEmpty() ? null : subresource, attributes.flag("persistent"),
                attributes.flag("sideEffects"), attributes.flag("ignoreFailures"));
        WebhookType type = family == Family.MUTATING ? WebhookType.MUTATING
                : WebhookType.VALIDATING;
        return new WebhookHandler(id, type, selector, filters, fn, options,
                attributes.string("param", ""), location);
    }

    /**
     * Reports ids used twice in one kind of webhook: the id is the webhook's URL path and
     * its configuration entry's name, so one of the two could never be told apart.
     */
    static void checkDuplicateIds(List<WebhookHandler> handlers,
            BiConsumer<String, String[]> problem) {
        Map<String, WebhookHandler> seen = new LinkedHashMap<>();
        for (WebhookHandler handler : handlers) {
            String key = handler.type() + "/" + handler.id();
            WebhookHandler first = seen.putIfAbsent(key, handler);
            if (first != null && !first.location().equals(handler.location())) {
                String title = handler.type() == WebhookType.MUTATING ? "@OnMutate"
                        : "@OnValidate";
                problem.accept(title + " id '" + handler.id() + "' is declared twice. The id"
                        + " is the webhook's URL path and name, so give one of them another"
                        + " id, e.g. id = \"" + DuplicateIds.suggest(handler.location())
                        + "\".", new String[] {first.location(), handler.location()});
            }
        }
    }

    private static Operation[] operations(Attributes attributes) {
        return (Operation[]) attributes.raw("operations", new Operation[0]);
    }
}
