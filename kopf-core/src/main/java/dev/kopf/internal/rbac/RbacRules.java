package dev.kopf.internal.rbac;

import dev.kopf.OperatorSettings;
import dev.kopf.Reason;
import dev.kopf.Resource;
import dev.kopf.internal.intents.Activity;
import dev.kopf.internal.intents.ChangingHandler;
import dev.kopf.internal.intents.DaemonHandler;
import dev.kopf.internal.intents.IndexingHandler;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.Selector;
import dev.kopf.internal.intents.SpawningHandler;
import dev.kopf.internal.intents.WatchingHandler;
import dev.kopf.storage.AnnotationsProgressStorage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Derives exactly the permissions the runtime uses for a registry of handlers, read off the
 * runtime's API calls (see {@code docs/deployment.md}):
 * <ul>
 *   <li>{@code list} and {@code watch} of every handled resource (the watch streams);</li>
 *   <li>{@code patch} of every resource with changing, event, daemon or timer handlers
 *       (finalizers, annotations, the handlers' patches); not for index-only resources;</li>
 *   <li>{@code patch} of {@code <resource>/status} when the resource has that subresource
 *       and status is written: always by changing handlers (results, progress and the
 *       last-handled configuration), by daemons and timers unless progress is kept in
 *       annotations;</li>
 *   <li>{@code create} of core {@code events} when posting is enabled, where the objects
 *       are (cluster-scoped objects' events go to the operator's own namespace);</li>
 *   <li>{@code list}/{@code watch} of {@code namespaces} when {@code -n} has globs, and of
 *   {@code customresourcedefinitions} when the operator is cluster-wide or has globs, to
 *   follow what is served at run time.</li>
 * </ul>
 * Discovery ({@code /api}, {@code /apis}) needs no rule: Kubernetes grants it to every
 * authenticated user ({@code system:discovery}).
 */
public final class RbacRules {

    /** What the rules are derived from and what they say went wrong. */
    public record Derivation(List<PermissionNeed> needs, List<String> problems,
            List<String> notes) {
        /** Copies the components. */
        public Derivation {
            needs = List.copyOf(needs);
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }
    }

    private RbacRules() {
    }

    /**
     * Derives the needs of the handlers.
     *
     * @param registry the handlers, as {@code kopf run} registers them
     * @param settings the settings in force at start-up
     * @param served the resources the API server serves (discovery), to resolve selectors
     *     exactly as the runtime does
     * @param serving what is served
     * @return the needs, and a problem per selector that names no served resource
     */
    public static Derivation derive(OperatorRegistry registry, OperatorSettings settings,
            List<Resource> served, Serving serving) {
        List<String> problems = new ArrayList<>();
        Map<Resource, Handlers> byResource = new LinkedHashMap<>();
        Map<Selector, List<String>> users = usersBySelector(registry);
        for (Map.Entry<Selector, List<String>> entry : users.entrySet()) {
            List<Resource> selected = entry.getKey().select(served);
            if (selected.isEmpty()) {
                problems.add("Resource '" + entry.getKey() + "' of "
                        + String.join(", ", entry.getValue()) + " is not served by the API "
                        + "server or is ambiguous. Give its CRD with --apply FILE.");
            }
            for (Resource resource : selected) {
                byResource.computeIfAbsent(resource, r -> new Handlers());
            }
        }
        List<PermissionNeed> needs = new ArrayList<>();
        byResource.forEach((resource, handlers) -> {
            handlers.collect(registry, resource);
            needs.addAll(resourceNeeds(resource, handlers, settings));
        });
        if (!serving.isLiteral() && !serving.clusterwide() && !serving.patterns().isEmpty()) {
            needs.add(PermissionNeed.cluster("", "namespaces", List.of("list", "watch"),
                    "namespace globs " + serving.patterns() + " (-n): namespaces created and "
                    + "deleted at run time"));
        }
        // A namespaced operator keeps to its Roles (Kopf #1184): without this rule it serves
        // the CRDs present at start-up and says so once.
        if (!byResource.isEmpty() && serving.isClusterwide()) {
            needs.add(PermissionNeed.cluster("apiextensions.k8s.io",
                    "customresourcedefinitions", List.of("list", "watch"),
                    "CRDs installed or removed at run time (without it, only the CRDs present "
                    + "at start-up are served)"));
        }
        List<String> notes = new ArrayList<>();
        if (!registry.activityHandlers(Activity.AUTHENTICATION).isEmpty()) {
            notes.add("The @OnLogin handlers choose the credentials: these rules apply to "
                    + "whoever they log in as.");
        }
        if (!registry.activityHandlers(Activity.STARTUP).isEmpty()) {
            notes.add("Derived from the settings before the @OnStartup handlers run; "
                    + "settings they change (posting, storages) may need other rules.");
        }
        return new Derivation(needs, problems, notes);
    }

    private static List<PermissionNeed> resourceNeeds(Resource resource, Handlers handlers,
            OperatorSettings settings) {
        List<PermissionNeed> needs = new ArrayList<>();
        String group = resource.group() == null ? "" : resource.group();
        String plural = resource.plural();
        needs.add(need(resource, group, plural, List.of("list", "watch"),
                "watch-stream of " + join(handlers.all())));
        List<String> writers = new ArrayList<>(handlers.changing);
        writers.addAll(handlers.watching);
        writers.addAll(handlers.spawning);
        // get: a JSON patch (Patch.fns/append) re-reads the object after a conflict.
        if (!handlers.changing.isEmpty()) {
            needs.add(need(resource, group, plural, List.of("get", "patch"),
                    "finalizers, state annotations and patches of " + join(handlers.changing)
                    + " (get: JSON patches re-read the object on a conflict)"));
        }
        List<String> patchers = new ArrayList<>(handlers.watching);
        patchers.addAll(handlers.spawning);
        if (!patchers.isEmpty()) {
            needs.add(need(resource, group, plural, List.of("get", "patch"),
                    "patches of " + join(patchers)
                    + " (get: JSON patches re-read the object on a conflict)"));
        }
        List<String> statusWriters = new ArrayList<>(handlers.changing);
        if (!(settings.persistence().progressStorage() instanceof AnnotationsProgressStorage)) {
            statusWriters.addAll(handlers.spawning);
        }
        if (resource.hasStatusSubresource() && !statusWriters.isEmpty()) {
            needs.add(need(resource, group, plural + "/status", List.of("patch"),
                    "results and progress in status of " + join(statusWriters)));
        }
        if (settings.posting().enabled() && !writers.isEmpty()) {
            String reason = "events posted about the objects of " + join(writers);
            needs.add(resource.namespaced()
                    ? PermissionNeed.served("", "events", List.of("create"), reason)
                    : PermissionNeed.inNamespace(null, "", "events", List.of("create"),
                            reason));
        }
        return needs;
    }

    private static PermissionNeed need(Resource resource, String group, String plural,
            List<String> verbs, String reason) {
        return resource.namespaced() ? PermissionNeed.served(group, plural, verbs, reason)
                : PermissionNeed.cluster(group, plural, verbs, reason);
    }

    private static Map<Selector, List<String>> usersBySelector(OperatorRegistry registry) {
        Map<Selector, List<String>> users = new LinkedHashMap<>();
        registry.changingHandlers().forEach(h ->
                users.computeIfAbsent(h.selector(), s -> new ArrayList<>()).add(label(h)));
        registry.watchingHandlers().forEach(h -> users.computeIfAbsent(h.selector(),
                s -> new ArrayList<>()).add(label(h)));
        registry.spawningHandlers().forEach(h -> users.computeIfAbsent(h.selector(),
                s -> new ArrayList<>()).add(label(h)));
        registry.indexingHandlers().forEach(h -> users.computeIfAbsent(h.selector(),
                s -> new ArrayList<>()).add(label(h)));
        return users;
    }

    static String label(ChangingHandler handler) {
        String annotation = handler.reasons().size() == 1
                ? "@On" + capitalised(handler.reasons().iterator().next()) : "@OnField";
        return annotation + " '" + handler.id() + "'";
    }

    static String label(WatchingHandler handler) {
        return "@OnEvent '" + handler.id() + "'";
    }

    static String label(SpawningHandler handler) {
        return (handler instanceof DaemonHandler ? "@Daemon" : "@Timer")
                + " '" + handler.id() + "'";
    }

    static String label(IndexingHandler handler) {
        return "@Index '" + handler.id() + "'";
    }

    private static String capitalised(Reason reason) {
        String name = reason.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String join(List<String> labels) {
        return String.join(", ", labels);
    }

    /** The labels of the handlers of one resource, by kind. */
    private static final class Handlers {
        final List<String> changing = new ArrayList<>();
        final List<String> watching = new ArrayList<>();
        final List<String> spawning = new ArrayList<>();
        final List<String> indexing = new ArrayList<>();

        void collect(OperatorRegistry registry, Resource resource) {
            registry.changingHandlersFor(resource).forEach(h -> changing.add(label(h)));
            registry.watchingHandlersFor(resource).forEach(h -> watching.add(label(h)));
            registry.spawningHandlersFor(resource).forEach(h -> spawning.add(label(h)));
            registry.indexingHandlersFor(resource).forEach(h -> indexing.add(label(h)));
        }

        List<String> all() {
            List<String> all = new ArrayList<>(changing);
            all.addAll(watching);
            all.addAll(spawning);
            all.addAll(indexing);
            return all;
        }
    }
}
