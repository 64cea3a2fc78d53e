package dev.kopf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rules of {@code docs/architecture.md}, checked on the compiled classes as Kopf
 * checks its own with import-linter: a higher layer may use a lower one, never the reverse.
 */
class ArchitectureTest {

    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("dev.kopf.internal.reactor", 2),
            Map.entry("dev.kopf.internal.discovery", 2),
            Map.entry("dev.kopf.internal.engines", 3),
            Map.entry("dev.kopf.internal.intents", 4),
            Map.entry("dev.kopf.internal.actions", 5),
            Map.entry("dev.kopf.internal.clients", 6),
            Map.entry("dev.kopf.storage", 7),
            Map.entry("dev.kopf.internal.structs", 8),
            Map.entry("dev.kopf.internal.concurrent", 9),
            Map.entry("dev.kopf.internal.logging", 9),
            Map.entry("dev.kopf.internal.metrics", 9));

    /** Packages beyond the first ten (Map.of takes at most ten pairs). */
    private static final Map<String, Integer> MORE_LAYERS = Map.of(
            "dev.kopf.internal.rbac", 3,
            "dev.kopf.internal.admission", 3,
            "dev.kopf.internal.sharding", 3);

    private static Integer layerOf(String pkg) {
        Integer layer = LAYERS.get(pkg);
        return layer != null ? layer : MORE_LAYERS.get(pkg);
    }

    /** The public vocabulary may be used by every layer, so it may use only the lowest. */
    private static final Set<String> VOCABULARY_MAY_USE = Set.of("dev.kopf",
            "dev.kopf.internal.structs", "dev.kopf.internal.concurrent",
            "dev.kopf.internal.logging");

    /** The groups of {@code OperatorSettings}, one top-level record each. */
    private static final Set<String> SETTINGS_GROUPS = Set.of("dev.kopf.PostingSettings",
            "dev.kopf.WatchingSettings", "dev.kopf.QueueingSettings",
            "dev.kopf.ExecutionSettings", "dev.kopf.PersistenceSettings",
            "dev.kopf.NetworkingSettings", "dev.kopf.BackgroundSettings",
            "dev.kopf.ProcessSettings", "dev.kopf.PeeringSettings", "dev.kopf.AdmissionSettings");

    private static ScanResult scan;

    @BeforeAll
    static void scanMainClasses() {
        scan = new ClassGraph().enableInterClassDependencies().enableAnnotationInfo()
                .acceptPackages("dev.kopf").rejectPackages("dev.kopf.testing", "dev.kopf.cli")
                .scan();
    }

    @AfterAll
    static void close() {
        scan.close();
    }

    private static boolean isMain(ClassInfo info) {
        return !info.getClasspathElementURI().toString().contains("test-classes");
    }

    private static String packageOf(ClassInfo info) {
        return info.getPackageName();
    }

    @Test
    void layersUseOnlyLowerLayers() {
        List<String> violations = new ArrayList<>();
        for (ClassInfo from : scan.getAllClasses()) {
            Integer own = layerOf(packageOf(from));
            if (own == null || !isMain(from)) {
                continue;
            }
            for (ClassInfo to : from.getClassDependencies()) {
                Integer other = layerOf(packageOf(to));
                boolean siblings = own == 2 && other != null && other == 2
                        && !packageOf(from).equals(packageOf(to));
                if (other != null && (other < own || siblings)) {
                    violations.add(from.getName() + " -> " + to.getName());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void publicVocabularyDependsOnNothingAboveStructs() {
        Set<String> facade = new HashSet<>(Set.of("dev.kopf.Kopf", "dev.kopf.Operator",
                "dev.kopf.OperatorSettings"));
        // The settings groups are OperatorSettings' own parts (layer 7, beside storage).
        facade.addAll(SETTINGS_GROUPS);
        List<String> violations = new ArrayList<>();
        for (ClassInfo from : scan.getPackageInfo("dev.kopf").getClassInfo()) {
            if (facade.contains(from.getName().split("\\$")[0]) || !isMain(from)) {
                continue;
            }
            for (ClassInfo to : from.getClassDependencies()) {
                if (to.getName().startsWith("dev.kopf")
                        && !VOCABULARY_MAY_USE.contains(packageOf(to))) {
                    violations.add(from.getName() + " -> " + to.getName());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void settingsUseNothingAboveTheirLayer() {
        Set<String> settings = new HashSet<>(SETTINGS_GROUPS);
        settings.add("dev.kopf.OperatorSettings");
        List<String> violations = new ArrayList<>();
        for (ClassInfo from : scan.getPackageInfo("dev.kopf").getClassInfo()) {
            if (!settings.contains(from.getName().split("\\$")[0]) || !isMain(from)) {
                continue;
            }
            for (ClassInfo to : from.getClassDependencies()) {
                Integer other = layerOf(packageOf(to));
                if (other != null && other < 7) {
                    violations.add(from.getName() + " -> " + to.getName());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void noInternalClassRefersToTheFacade() {
        List<String> violations = new ArrayList<>();
        for (ClassInfo from : scan.getAllClasses()) {
            if (!packageOf(from).startsWith("dev.kopf.internal") || !isMain(from)) {
                continue;
            }
            for (ClassInfo to : from.getClassDependencies()) {
                if (to.getName().equals("dev.kopf.Kopf") || to.getName().equals("dev.kopf.Operator")) {
                    violations.add(from.getName() + " -> " + to.getName());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void onlyClientsCallTheKubernetesClientAndOnlyDiscoveryUsesClassGraph() {
        List<String> violations = new ArrayList<>();
        for (ClassInfo from : scan.getAllClasses()) {
            String pkg = packageOf(from);
            if (!isMain(from)) {
                continue;
            }
            for (ClassInfo to : from.getClassDependencies()) {
                String name = to.getName();
                // The client interface is an injectable type; calling it is the clients' job.
                boolean client = name.startsWith("io.fabric8.kubernetes.client.")
                        && !name.equals("io.fabric8.kubernetes.client.KubernetesClient");
                if (client && !pkg.equals("dev.kopf.internal.clients")) {
                    violations.add(from.getName() + " -> " + name);
                }
                if (name.startsWith("io.github.classgraph.")
                        && !pkg.equals("dev.kopf.internal.discovery")) {
                    violations.add(from.getName() + " -> " + name);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void onlyDiscoveryReadsHandlerAnnotations() {
        List<String> violations = new ArrayList<>();
        for (ClassInfo from : scan.getAllClasses()) {
            String pkg = packageOf(from);
            if (!isMain(from) || pkg.equals("dev.kopf") || pkg.equals("dev.kopf.internal.discovery")) {
                continue;
            }
            for (ClassInfo to : from.getClassDependencies()) {
                // Parameter qualifiers (@Old, @New, @Param, @IndexOf) are the invoker's to read.
                boolean handlerAnnotation = to.isAnnotation()
                        && packageOf(to).equals("dev.kopf")
                        && !Set.of("Old", "New", "Param", "IndexOf").contains(to.getSimpleName());
                if (handlerAnnotation) {
                    violations.add(from.getName() + " -> " + to.getName());
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
