package dev.kopf.internal.reactor;

import dev.kopf.Resource;
import dev.kopf.internal.intents.ChangingHandler;
import dev.kopf.internal.intents.Filters;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.structs.FilterMarkers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server-side label selector of a resource's watch streams: the label filters that every
 * handler of the resource shares, so that objects no handler could match never cost a byte.
 *
 * <p>Asked by the {@link Orchestrator} for each stream it starts. Only literal values,
 * presence and absence become a selector; callbacks and {@code when} stay client-side. A
 * resource whose objects may carry the operator's finalizer gets no selector: an object that
 * lost its label would vanish from the stream and keep the finalizer forever.
 */
final class StreamSelectors {

    /** What Kubernetes accepts as a label value in a selector. */
    private static final Pattern LABEL_VALUE =
            Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

    private final OperatorRegistry registry;

    StreamSelectors(OperatorRegistry registry) {
        this.registry = registry;
    }

    /**
     * Returns the selector of a resource's streams.
     *
     * @param resource the resource
     * @return e.g. {@code app=web,!legacy}, or {@code null} to watch every object
     */
    String labelSelector(Resource resource) {
        List<ChangingHandler> changing = registry.changingHandlersFor(resource);
        if (changing.stream().anyMatch(ChangingHandler::requiresFinalizer)
                || !registry.spawningHandlersFor(resource).isEmpty()) {
            return null;
        }
        List<Filters> all = new ArrayList<>();
        changing.forEach(handler -> all.add(handler.filters()));
        registry.watchingHandlersFor(resource).forEach(handler -> all.add(handler.filters()));
        registry.indexingHandlersFor(resource).forEach(handler -> all.add(handler.filters()));
        if (all.isEmpty()) {
            return null;
        }
        Map<String, String> common = new LinkedHashMap<>(all.get(0).labels());
        for (Filters filters : all.subList(1, all.size())) {
            common.entrySet().removeIf(entry -> !entry.getValue().equals(
                    filters.labels().get(entry.getKey())));
        }
        List<String> requirements = new ArrayList<>();
        common.forEach((key, value) -> {
            if (FilterMarkers.PRESENT.equals(value)) {
                requirements.add(key);
            } else if (FilterMarkers.ABSENT.equals(value)) {
                requirements.add("!" + key);
            } else if (LABEL_VALUE.matcher(value).matches() && value.length() <= 63) {
                requirements.add(key + "=" + value);
            }
        });
        return requirements.isEmpty() ? null : String.join(",", requirements);
    }
}
