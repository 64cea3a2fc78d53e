package dev.kopf.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kopf.ErrorsMode;
import dev.kopf.HandlerDeclarationException;
import dev.kopf.Kopf;
import dev.kopf.Memo;
import dev.kopf.Old;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnEvent;
import dev.kopf.OnField;
import dev.kopf.OnResume;
import dev.kopf.OnUpdate;
import dev.kopf.OperatorSettings;
import dev.kopf.Param;
import dev.kopf.RawEvent;
import dev.kopf.Reason;
import dev.kopf.Spec;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.intents.ChangingHandler;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.Selector;
import dev.kopf.internal.intents.WatchingHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HandlerDiscoveryTest {

    private static final OperatorInjectables INJECTABLES =
            new OperatorInjectables(null, OperatorSettings.defaults(), new Memo());

    private static final String PREFIX = HandlerDiscoveryTest.class.getName() + "$";

    // ----- valid declarations -----

    public static class Valid {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(Spec spec) throws Exception {
            return Map.of("message", "hello");
        }

        @OnUpdate(value = "kopfexamples.kopf.dev", id = "upd", field = "spec.size",
                oldValue = "1", newValue = Kopf.PRESENT, labels = {"app=web", "!skip"},
                annotations = "owner", errors = ErrorsMode.PERMANENT, retries = 3,
                timeout = 60, backoff = 1.5, param = "p")
        public void updateFn(@Old Object old, @Param String param) {
        }

        @OnDelete(group = "kopf.dev", plural = "kopfexamples", optional = true)
        public void deleteFn() {
        }

        @OnResume(kind = "KopfExample", deleted = true, when = "isReady")
        @OnCreate("kopfexamples.kopf.dev")
        public void resumeFn(Spec spec) {
        }

        @OnField(value = "kex", field = "spec.size", fieldValue = "2")
        public void fieldFn() {
        }

        @OnEvent(value = "pods", labels = "app")
        public void eventFn(RawEvent event) {
        }

        public boolean isReady(Spec spec) {
            return spec.get("ready") != null;
        }
    }

    public static class StaticOnly {
        private StaticOnly(String unusable) {
        }

        @OnCreate("pods")
        public static String created(@Param String param) {
            return "static " + param;
        }
    }

    public static class Injected {
        private final Memo memo;
        private final OperatorSettings settings;

        public Injected(Memo memo, OperatorSettings settings) {
            this.memo = memo;
            this.settings = settings;
        }

        @OnCreate("pods")
        public Object created() {
            return this;
        }

        @OnUpdate("pods")
        public Object updated() {
            return this;
        }
    }

    @Test
    void registersEveryAnnotationWithItsIdsAndOptions() {
        OperatorRegistry registry = HandlerDiscovery.register(List.of(Valid.class), INJECTABLES);

        assertThat(registry.changingHandlers()).extracting(ChangingHandler::id).containsExactly(
                "createFn", "upd/spec.size", "deleteFn", "resumeFn", "resumeFn",
                "fieldFn/spec.size");
        ChangingHandler create = registry.changingHandlers().get(0);
        assertThat(create.reasons()).containsExactly(Reason.CREATE);
        assertThat(create.selector()).isEqualTo(new Selector("kopf.dev", null, null, null,
                "kopfexamples"));
        assertThat(create.errors()).isEqualTo(ErrorsMode.TEMPORARY);
        assertThat(create.retries()).isEqualTo(Integer.MAX_VALUE);
        assertThat(create.timeout()).isNull();
        assertThat(create.backoff()).isNull();
        assertThat(create.location()).isEqualTo(PREFIX + "Valid.createFn(Spec)");

        ChangingHandler update = registry.changingHandlers().get(1);
        assertThat(update.reasons()).containsExactly(Reason.UPDATE);
        assertThat(update.filters().field()).containsExactly("spec", "size");
        assertThat(update.filters().oldValue()).isEqualTo("1");
        assertThat(update.filters().newValue()).isEqualTo(Kopf.PRESENT);
        assertThat(update.filters().fieldValue()).isNull();
        assertThat(update.filters().labels()).containsExactly(Map.entry("app", "web"),
                Map.entry("skip", Kopf.ABSENT));
        assertThat(update.filters().annotations()).containsExactly(
                Map.entry("owner", Kopf.PRESENT));
        assertThat(update.errors()).isEqualTo(ErrorsMode.PERMANENT);
        assertThat(update.retries()).isEqualTo(3);
        assertThat(update.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(update.backoff()).isEqualTo(Duration.ofMillis(1500));
        assertThat(update.param()).isEqualTo("p");

        ChangingHandler delete = registry.changingHandlers().get(2);
        assertThat(delete.optional()).isTrue();
        assertThat(delete.requiresFinalizer()).isFalse();
        assertThat(delete.selector()).hasToString("group=kopf.dev, plural=kopfexamples");

        assertThat(registry.changingHandlers().get(3).reasons()).containsExactly(Reason.CREATE);
        ChangingHandler resume = registry.changingHandlers().get(4);
        assertThat(resume.reasons()).containsExactly(Reason.RESUME);
        assertThat(resume.deleted()).isTrue();
        assertThat(resume.filters().when()).isNotNull();

        ChangingHandler field = registry.changingHandlers().get(5);
        assertThat(field.reasons()).isEmpty();
        assertThat(field.filters().fieldValue()).isEqualTo("2");

        assertThat(registry.watchingHandlers()).singleElement().satisfies(event -> {
            assertThat(event.id()).isEqualTo("eventFn");
            assertThat(event.errors()).isEqualTo(ErrorsMode.IGNORED);
            assertThat(event.filters().labels()).containsEntry("app", Kopf.PRESENT);
            assertThat(event.location()).isEqualTo(PREFIX + "Valid.eventFn(RawEvent)");
        });
        assertThat(registry.selectors()).hasSize(5);
    }

    @Test
    void bindsHandlersAndWhenFiltersToOneInstance() throws Exception {
        OperatorRegistry registry = HandlerDiscovery.register(List.of(Valid.class), INJECTABLES);
        ChangingHandler resume = registry.changingHandlers().get(4);
        DefaultContext ready = DefaultContext.builder()
                .body(new dev.kopf.Body(Map.of("spec", Map.of("ready", true)))).build();
        assertThat(resume.filters().matchesWhen(ready)).isTrue();
        assertThat(registry.changingHandlers().get(0).fn().call(ready))
                .isEqualTo(Map.of("message", "hello"));
    }

    @Test
    void callsStaticHandlersWithoutAConstructor() throws Exception {
        OperatorRegistry registry =
                HandlerDiscovery.register(List.of(StaticOnly.class), INJECTABLES);
        ChangingHandler created = registry.changingHandlers().get(0);
        assertThat(created.fn().call(DefaultContext.builder().param("x").build()))
                .isEqualTo("static x");
    }

    @Test
    void createsEachClassOnceWithOperatorInjectables() throws Exception {
        OperatorRegistry registry = HandlerDiscovery.register(
                List.of(Injected.class, Injected.class), INJECTABLES);
        assertThat(registry.changingHandlers()).hasSize(2);
        DefaultContext context = DefaultContext.builder().build();
        Injected first = (Injected) registry.changingHandlers().get(0).fn().call(context);
        Injected second = (Injected) registry.changingHandlers().get(1).fn().call(context);
        assertThat(first).isSameAs(second);
        assertThat(first.memo).isSameAs(INJECTABLES.memo());
        assertThat(first.settings).isSameAs(INJECTABLES.settings());
    }

    @Test
    void allowsOneMethodUnderSeveralAnnotationsWithOneId() {
        OperatorRegistry registry = HandlerDiscovery.register(List.of(Valid.class), INJECTABLES);
        assertThat(registry.changingHandlers()).filteredOn(h -> h.id().equals("resumeFn"))
                .hasSize(2);
    }

    // ----- problems -----

    public static class NonPublicMethod {
        @OnCreate("pods")
        void hidden() {
        }
    }

    static class NonPublicClass {
        @OnCreate("pods")
        public void created() {
        }
    }

    public class Inner {
        @OnCreate("pods")
        public void created() {
        }
    }

    public static class NoConstructor {
        public NoConstructor(String name) {
        }

        @OnCreate("pods")
        public void created() {
        }
    }

    public static class FailingConstructor {
        public FailingConstructor() {
            throw new IllegalStateException("no config");
        }

        @OnCreate("pods")
        public void created() {
        }
    }

    public abstract static class Abstract {
        @OnCreate("pods")
        public void created() {
        }
    }

    public static class NoHandlers {
        public void created() {
        }
    }

    public static class NotInjectable {
        @OnCreate("pods")
        public void created(Spec spec, Clock clock) {
        }
    }

    public static class Repeated {
        @OnCreate("pods")
        public void created(Spec spec, Spec again) {
        }
    }

    public static class OldInEvent {
        @OnEvent("pods")
        public void watched(@Old Object old) {
        }
    }

    public static class BadSelector {
        @OnCreate("pods..apps")
        public void created() {
        }
    }

    public static class ValueAndOldNew {
        @OnUpdate(value = "pods", field = "spec.x", fieldValue = "1", oldValue = "2")
        public void updated() {
        }
    }

    public static class ValueWithoutField {
        @OnCreate(value = "pods", fieldValue = "1")
        public void created() {
        }
    }

    public static class FieldWithoutField {
        @OnField("pods")
        public void changed() {
        }
    }

    public static class BadField {
        @OnField(value = "pods", field = "spec..x")
        public void changed() {
        }
    }

    public static class BadLabels {
        @OnCreate(value = "pods", labels = "!app=web", annotations = "bad key")
        public void created() {
        }
    }

    public static class BadOptions {
        @OnCreate(value = "pods", retries = 0, timeout = 0, backoff = -1)
        public void created() {
        }
    }

    public static class MissingWhen {
        @OnCreate(value = "pods", when = "isReady")
        public void created() {
        }
    }

    public static class HiddenWhen {
        @OnCreate(value = "pods", when = "isReady")
        public void created() {
        }

        boolean isReady() {
            return true;
        }
    }

    public static class TextWhen {
        @OnCreate(value = "pods", when = "isReady")
        public void created() {
        }

        public String isReady(Clock clock) {
            return "yes";
        }
    }

    public static class OverloadedWhen {
        @OnCreate(value = "pods", when = "isReady")
        public void created() {
        }

        public boolean isReady() {
            return true;
        }

        public boolean isReady(Spec spec) {
            return true;
        }
    }

    public static class DuplicateA {
        @OnCreate("pods")
        public void created() {
        }
    }

    public static class DuplicateB {
        @OnCreate("pods")
        public void created() {
        }
    }

    public static class NoDuplicateForOtherResources {
        @OnCreate("services")
        public void created() {
        }

        @OnUpdate("pods")
        public void updated() {
        }
    }

    private static String at(String classAndMethod) {
        return "\n  at " + PREFIX + classAndMethod;
    }

    static Stream<Arguments> problems() {
        String changingTypes = " Injectable types for changing handlers: Body, Spec, Meta,"
                + " Status, Patch, Diff, Reason, Logger, Memo, Retry, Resource, KubernetesClient,"
                + " Context, SubHandlers, @Old/@New values, @Param values, @IndexOf IndexView,"
                + " or a fabric8 model class (HasMetadata).";
        String whenTypes = changingTypes.replace("for changing handlers",
                "for when-filters of changing handlers").replace(" Retry,", "")
                .replace(" SubHandlers,", "");
        return Stream.of(
            Arguments.of(List.of(NonPublicMethod.class), List.of(
                "@OnCreate method must be public." + at("NonPublicMethod.hidden()"))),
            Arguments.of(List.of(NonPublicClass.class), List.of(
                "Class " + PREFIX + "NonPublicClass must be public, so that its handlers can be"
                    + " called.\n  at " + PREFIX + "NonPublicClass")),
            Arguments.of(List.of(Inner.class), List.of(
                "Class " + PREFIX + "Inner is an inner class. Make it static, so that it can be"
                    + " created on its own.\n  at " + PREFIX + "Inner")),
            Arguments.of(List.of(NoConstructor.class), List.of(
                "Class " + PREFIX + "NoConstructor has no usable constructor. Give it a public"
                    + " constructor without parameters, or one taking any of KubernetesClient,"
                    + " OperatorSettings and Memo.\n  at " + PREFIX + "NoConstructor")),
            Arguments.of(List.of(FailingConstructor.class), List.of(
                "Class " + PREFIX + "FailingConstructor cannot be created: its constructor threw"
                    + " java.lang.IllegalStateException: no config.\n  at " + PREFIX
                    + "FailingConstructor")),
            Arguments.of(List.of(Abstract.class), List.of(
                "Class " + PREFIX + "Abstract is abstract, so it cannot be created for its"
                    + " instance handlers. Make the class concrete or the handlers static.\n  at "
                    + PREFIX + "Abstract")),
            Arguments.of(List.of(NoHandlers.class), List.of(
                "Class " + PREFIX + "NoHandlers declares no handler methods. Annotate its public"
                    + " methods with @OnCreate, @OnUpdate, @OnDelete, @OnResume, @OnField,"
                    + " @OnEvent, @Daemon, @Timer, @Index, @OnStartup, @OnCleanup, @OnLogin,"
                    + " @OnProbe, @OnValidate, @OnMutate.\n  at " + PREFIX + "NoHandlers")),
            Arguments.of(List.of(NotInjectable.class), List.of(
                "Cannot inject parameter #2 of type java.time.Clock." + changingTypes
                    + at("NotInjectable.created(Spec, Clock)"))),
            Arguments.of(List.of(Repeated.class), List.of(
                "Parameter #2 repeats the type Spec of parameter #1. Ask for each type once;"
                    + " tell values apart with @Old or @New."
                    + at("Repeated.created(Spec, Spec)"))),
            Arguments.of(List.of(OldInEvent.class), List.of(
                "@Old parameter #1 is not available to event handlers: they have no old and new"
                    + " values." + at("OldInEvent.watched(Object)"))),
            Arguments.of(List.of(BadSelector.class), List.of(
                "Resource \"pods..apps\" has a dot in the wrong place. Use kubectl's forms:"
                    + " \"pods\", \"deployments.apps\", \"kopfexamples.kopf.dev\","
                    + " \"kopfexamples.v1.kopf.dev\", a kind or a short name."
                    + at("BadSelector.created()"))),
            Arguments.of(List.of(ValueAndOldNew.class), List.of(
                "@OnUpdate has both fieldValue and oldValue/newValue. Give either fieldValue or"
                    + " oldValue/newValue, not both." + at("ValueAndOldNew.updated()"))),
            Arguments.of(List.of(ValueWithoutField.class), List.of(
                "@OnCreate has a value filter but no field. fieldValue, oldValue and newValue"
                    + " apply to a field: give field = \"spec.…\" too."
                    + at("ValueWithoutField.created()"))),
            Arguments.of(List.of(FieldWithoutField.class), List.of(
                "@OnField needs a field, e.g. field = \"spec.field\"."
                    + at("FieldWithoutField.changed()"))),
            Arguments.of(List.of(BadField.class), List.of(
                "Field \"spec..x\" is not a dotted path. Give keys separated by single dots, e.g."
                    + " \"spec.field\"." + at("BadField.changed()"))),
            Arguments.of(List.of(BadLabels.class), List.of(
                "Label filter \"!app=web\" both negates and compares. Use \"key=value\" (equal),"
                    + " \"key\" (present) or \"!key\" (absent)." + at("BadLabels.created()"),
                "Annotation filter \"bad key\" has an invalid key \"bad key\". Keys are an"
                    + " optional DNS prefix and '/', then letters, digits, '-', '_' and '.'. Use"
                    + " \"key=value\" (equal), \"key\" (present) or \"!key\" (absent)."
                    + at("BadLabels.created()"))),
            Arguments.of(List.of(BadOptions.class), List.of(
                "@OnCreate retries must be at least 1, not 0. Leave it out for unlimited"
                    + " attempts." + at("BadOptions.created()"),
                "@OnCreate timeout must be a positive number of seconds, not 0.0. Leave it out"
                    + " for no timeout." + at("BadOptions.created()"),
                "@OnCreate backoff must be zero or more seconds, not -1.0. Leave it out for the"
                    + " operator's default." + at("BadOptions.created()"))),
            Arguments.of(List.of(MissingWhen.class), List.of(
                "when method 'isReady' does not exist in " + PREFIX + "MissingWhen. Give the"
                    + " name of a public method of that class that returns boolean."
                    + at("MissingWhen.created()"))),
            Arguments.of(List.of(HiddenWhen.class), List.of(
                "when method 'isReady' must be public." + at("HiddenWhen.isReady()"))),
            Arguments.of(List.of(TextWhen.class), List.of(
                "The when-filter must return boolean, not java.lang.String."
                    + at("TextWhen.isReady(Clock)"),
                "Cannot inject parameter #1 of type java.time.Clock." + whenTypes
                    + at("TextWhen.isReady(Clock)"))),
            Arguments.of(List.of(OverloadedWhen.class), List.of(
                "when method 'isReady' is overloaded in " + PREFIX + "OverloadedWhen. Give the"
                    + " name of a public method, not overloaded, of that class that returns"
                    + " boolean." + at("OverloadedWhen.created()"))),
            Arguments.of(List.of(DuplicateA.class, DuplicateB.class), List.of(
                "Handler id 'created' is declared twice for pods, and both handlers can run in"
                    + " one cycle. Give one of them another id, e.g. id = \"DuplicateB.created\"."
                    + at("DuplicateA.created()") + at("DuplicateB.created()"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void reportsEachProblemWithItsLocation(List<Class<?>> classes, List<String> expected) {
        HandlerDeclarationException exception = catchThrowableOfType(
                HandlerDeclarationException.class,
                () -> HandlerDiscovery.register(classes, INJECTABLES));
        assertThat(exception).isNotNull();
        assertThat(exception.problems()).containsExactlyElementsOf(expected);
    }

    @Test
    void allowsTheSameIdForOtherResourcesAndReasons() {
        OperatorRegistry registry = HandlerDiscovery.register(
                List.of(DuplicateA.class, NoDuplicateForOtherResources.class), INJECTABLES);
        assertThat(registry.changingHandlers()).hasSize(3);
    }

    public static class Many {
        @OnCreate("pods")
        void hidden(Spec spec) {
        }

        @OnUpdate(value = "pods", retries = 0)
        public void updated(Spec spec, Clock clock) {
        }

        @OnEvent("pod..s")
        public void watched(@Old Object old) {
        }
    }

    @Test
    void reportsAllProblemsAtOnceInTheHouseFormat() {
        assertThatThrownBy(() -> HandlerDiscovery.register(List.of(Many.class), INJECTABLES))
                .isInstanceOf(HandlerDeclarationException.class)
                .hasMessage("""
                5 problems in handler declarations:
                - @OnCreate method must be public.
                    at dev.kopf.internal.discovery.HandlerDiscoveryTest$Many.hidden(Spec)
                - @OnUpdate retries must be at least 1, not 0. Leave it out for unlimited \
                attempts.
                    at dev.kopf.internal.discovery.HandlerDiscoveryTest$Many.updated(Spec, Clock)
                - Cannot inject parameter #2 of type java.time.Clock. Injectable types for \
                changing handlers: Body, Spec, Meta, Status, Patch, Diff, Reason, Logger, \
                Memo, Retry, Resource, KubernetesClient, Context, SubHandlers, @Old/@New \
                values, @Param values, @IndexOf IndexView, or a fabric8 model class \
                (HasMetadata).
                    at dev.kopf.internal.discovery.HandlerDiscoveryTest$Many.updated(Spec, Clock)
                - Resource "pod..s" has a dot in the wrong place. Use kubectl's forms: \
                "pods", "deployments.apps", "kopfexamples.kopf.dev", \
                "kopfexamples.v1.kopf.dev", a kind or a short name.
                    at dev.kopf.internal.discovery.HandlerDiscoveryTest$Many.watched(Object)
                - @Old parameter #1 is not available to event handlers: they have no old \
                and new values.
                    at dev.kopf.internal.discovery.HandlerDiscoveryTest$Many.watched(Object)""");
    }

    public static class SelectsMany {
        @OnEvent("all")
        public void everyKind() {
        }

        @OnEvent("*")
        public void everything() {
        }

        @OnCreate("kopfexamples.kopf.dev")
        public void created(java.time.Clock clock) {
        }
    }

    @Test
    void categoryAndEverythingSelectionsAreDeclarationErrorsListedWithTheOthers() {
        assertThatThrownBy(() -> HandlerDiscovery.register(List.of(SelectsMany.class),
                INJECTABLES))
                .isInstanceOf(HandlerDeclarationException.class)
                .hasMessageStartingWith("3 problems in handler declarations:")
                .hasMessageContaining("Cannot inject parameter #1 of type java.time.Clock")
                .hasMessageContaining("- Resource \"all\" would select a category of resources")
                .hasMessageContaining("- Resource \"*\" would select every resource");
    }

    // ----- scanning -----

    private static Path testClasses() throws Exception {
        return Path.of(HandlerDiscoveryTest.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
    }

    @Test
    void scansFoldersForClassesWithHandlerMethods() throws Exception {
        List<Class<?>> classes = HandlerDiscovery.scan(getClass().getClassLoader(),
                List.of(testClasses()));
        assertThat(classes).contains(Valid.class, StaticOnly.class, Injected.class,
                NonPublicClass.class, Inner.class, Many.class, DuplicateA.class,
                Stacked.class);
        assertThat(classes).doesNotContain(HandlerDiscoveryTest.class, NoHandlers.class);
    }

    /** Only repeated annotations: the compiler stores them in the container annotation. */
    public static class Stacked {
        @OnCreate(value = "kopfexamples.kopf.dev", id = "first", param = "a")
        @OnCreate(value = "kopfexamples.kopf.dev", id = "second", param = "b")
        public void createFn() {
        }
    }

    @Test
    void repeatedAnnotationsBecomeOneHandlerEach() {
        OperatorRegistry registry = HandlerDiscovery.register(List.of(Stacked.class),
                new OperatorInjectables(null, OperatorSettings.defaults(), new Memo()));
        assertThat(registry.changingHandlers()).extracting(h -> h.id() + ":" + h.param())
                .containsExactly("first:a", "second:b");
    }

    @Test
    void scansJars(@TempDir Path temp) throws Exception {
        Path jar = temp.resolve("handlers.jar");
        String entry = Valid.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                InputStream in = getClass().getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        assertThat(HandlerDiscovery.scan(getClass().getClassLoader(), List.of(jar)))
                .containsExactly(Valid.class);
    }

    @Test
    void reportsPathsThatAreNeitherJarsNorFolders(@TempDir Path temp) throws Exception {
        Path text = Files.writeString(temp.resolve("handlers.txt"), "not classes");
        Path missing = temp.resolve("missing.jar");
        assertThatThrownBy(() -> HandlerDiscovery.scan(getClass().getClassLoader(),
                List.of(missing, text, testClasses())))
                .isInstanceOf(HandlerDeclarationException.class)
                .hasMessage("2 problems in handler declarations:\n"
                        + "- Path " + missing + " does not exist. Give jar files or folders of"
                        + " compiled classes.\n"
                        + "- No handlers found in " + text + ": it is neither a jar nor a"
                        + " folder. Give jar files or folders of compiled classes.");
    }

    private Path jarOf(Path jar, Class<?>... classes) throws Exception {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(entry)) {
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                }
            }
        }
        return jar;
    }

    @Test
    void pathsWithoutHandlersAreAnError(@TempDir Path temp) throws Exception {
        Path empty = jarOf(temp.resolve("empty.jar"));
        Path plain = jarOf(temp.resolve("plain.jar"), NoHandlers.class);
        Path folder = Files.createDirectories(temp.resolve("classes"));

        assertThatThrownBy(() -> HandlerDiscovery.scan(getClass().getClassLoader(),
                List.of(empty, plain, folder)))
                .isInstanceOf(HandlerDeclarationException.class)
                .hasMessage("1 problem in handler declarations:\n"
                        + "- No handlers found in " + empty + ", " + plain + ", " + folder
                        + ". Give jars or class folders with classes whose methods carry"
                        + " Kopf's annotations (@OnCreate, @OnUpdate, @Daemon, ...).");
    }

    @Test
    void aFolderOfJarsIsScannedAsAClasspath(@TempDir Path temp) throws Exception {
        jarOf(temp.resolve("lib/handlers.jar"), Valid.class);
        jarOf(temp.resolve("lib/other.jar"), NoHandlers.class);

        List<Path> entries = ClasspathEntries.expand(List.of(temp.resolve("lib")));
        List<Class<?>> classes = HandlerDiscovery.scan(getClass().getClassLoader(),
                List.of(temp.resolve("lib")));

        assertThat(entries).containsExactly(temp.resolve("lib"),
                temp.resolve("lib/handlers.jar"), temp.resolve("lib/other.jar"));
        assertThat(classes).containsExactly(Valid.class);
    }

    @Test
    void keepsHandlersInDeclarationOrder() {
        OperatorRegistry registry = HandlerDiscovery.register(List.of(Valid.class), INJECTABLES);
        assertThat(registry.changingHandlers()).extracting(ChangingHandler::location)
                .extracting(location -> location.substring(location.indexOf("Valid.") + 6,
                        location.indexOf('(')))
                .containsExactly("createFn", "updateFn", "deleteFn", "resumeFn", "resumeFn",
                        "fieldFn");
        assertThat(registry.watchingHandlers()).extracting(WatchingHandler::id)
                .containsExactly("eventFn");
    }
}
