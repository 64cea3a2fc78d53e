package dev.kopf.testing.internal.apiserver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources the server currently serves: the built-ins plus those of every stored CRD.
 *
 * <p>Read on every request, changed only when a CRD is written: readers see an immutable
 * snapshot, writers replace it under the registry's monitor.
 */
final class ResourceRegistry {
    private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    /** A group as discovery presents it, versions in preference order. */
    record ApiGroup(String name, List<String> versions) {
        ApiGroup {
            versions = List.copyOf(versions);
        }

        String preferredVersion() {
            return versions.get(0);
        }
    }

    private final Map<String, List<ResourceType>> customTypes = new LinkedHashMap<>();
    private volatile Map<String, ResourceType> byPath = Map.of();
    private volatile List<ResourceType> all = List.of();

    ResourceRegistry() {
        rebuild();
    }

    /** The type served at {@code /apis/group/version/plural}, or {@code null}. */
    ResourceType find(String group, String version, String plural) {
        return byPath.get(key(group, version, plural));
    }

    /** The types served in one group version, in registration order. */
    List<ResourceType> types(String group, String version) {
        return all.stream()
                .filter(type -> type.group().equals(group) && type.version().equals(version))
                .toList();
    }

    /** The non-core groups with their served versions, built-ins first. */
    List<ApiGroup> groups() {
        Map<String, TreeSet<String>> versions = new LinkedHashMap<>();
        for (String group : BuiltinResources.GROUP_ORDER) {
            versions.put(group, new TreeSet<>(ResourceRegistry::compareVersions));
        }
        all.stream()
                .map(ResourceType::group)
                .distinct()
                .sorted()
                .forEach(group -> versions.putIfAbsent(group,
                        new TreeSet<>(ResourceRegistry::compareVersions)));
        for (ResourceType type : all) {
            versions.get(type.group()).add(type.version());
        }
        List<ApiGroup> groups = new ArrayList<>();
        versions.forEach((name, groupVersions) -> {
            if (!name.isEmpty() && !groupVersions.isEmpty()) {
                groups.add(new ApiGroup(name, new ArrayList<>(groupVersions)));
            }
        });
        return groups;
    }

    /** Serves the types of one CRD, replacing what the same CRD registered before. */
    synchronized void register(String crdName, List<ResourceType> types) {
        customTypes.put(crdName, List.copyOf(types));
        rebuild();
    }

    synchronized void unregister(String crdName) {
        customTypes.remove(crdName);
        rebuild();
    }

    private synchronized void rebuild() {
        List<ResourceType> types = new ArrayList<>(BuiltinResources.ALL);
        customTypes.values().forEach(types::addAll);
        Map<String, ResourceType> paths = new LinkedHashMap<>();
        for (ResourceType type : types) {
            paths.putIfAbsent(key(type.group(), type.version(), type.plural()), type);
        }
        all = List.copyOf(types);
        byPath = Map.copyOf(paths);
    }

    private static String key(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }

    /**
     * Orders versions as Kubernetes prefers them: GA before beta before alpha, higher numbers
     * first, anything else last and alphabetically.
     */
    static int compareVersions(String left, String right) {
        return VERSION_ORDER.compare(left, right);
    }

    private static final Comparator<String> VERSION_ORDER = Comparator
            .comparingInt((String version) -> -stability(version))
            .thenComparingInt(version -> -number(version, 1))
            .thenComparingInt(version -> -number(version, 3))
            .thenComparing(Comparator.naturalOrder());

    private static int stability(String version) {
        Matcher matcher = KUBE_VERSION.matcher(version);
        if (!matcher.matches()) {
            return 0;
        }
        String level = matcher.group(2);
        return level == null ? 3 : level.equals("beta") ? 2 : 1;
    }

    private static int number(String version, int group) {
        Matcher matcher = KUBE_VERSION.matcher(version);
        return matcher.matches() && matcher.group(group) != null
                ? Integer.parseInt(matcher.group(group)) : 0;
    }
}
