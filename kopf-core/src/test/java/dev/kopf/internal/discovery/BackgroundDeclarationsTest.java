package dev.kopf.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kopf.ConnectionInfo;
import dev.kopf.Daemon;
import dev.kopf.DaemonStopped;
import dev.kopf.ErrorsMode;
import dev.kopf.HandlerDeclarationException;
import dev.kopf.Index;
import dev.kopf.IndexOf;
import dev.kopf.IndexView;
import dev.kopf.Memo;
import dev.kopf.Meta;
import dev.kopf.OnCleanup;
import dev.kopf.OnCreate;
import dev.kopf.OnLogin;
import dev.kopf.OnProbe;
import dev.kopf.OnStartup;
import dev.kopf.OperatorSettings;
import dev.kopf.Patch;
import dev.kopf.Timer;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.intents.Activity;
import dev.kopf.internal.intents.ActivityHandler;
import dev.kopf.internal.intents.DaemonHandler;
import dev.kopf.internal.intents.IndexingHandler;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.TimerHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Daemons, timers, indexes and activities: what they become, and their declaration problems. */
class BackgroundDeclarationsTest {

    private static final OperatorInjectables INJECTABLES =
            new OperatorInjectables(null, OperatorSettings.defaults(), new Memo());
    private static final String PREFIX = BackgroundDeclarationsTest.class.getName() + "$";

    public static class Valid {
        @Daemon(value = "kopfexamples.kopf.dev", initialDelay = 1.5, cancellationBackoff = 2,
                cancellationTimeout = 3, labels = "run")
        public void monitor(DaemonStopped stopped, Patch patch,
                @IndexOf("byName") IndexView<String, String> index) {
        }

        @Timer(value = "kopfexamples.kopf.dev", interval = 10, idle = 5, sharp = true)
        public Map<String, Object> tick(DaemonStopped stopped) {
            return Map.of();
        }

        @Index("pods")
        public Map<String, String> byName(Meta meta) {
            return Map.of(meta.name(), meta.name());
        }

        @OnStartup
        public void startupFn(OperatorSettings.Builder settings, OperatorSettings initial) {
        }

        @OnCleanup(id = "bye")
        public void cleanupFn(OperatorSettings settings, Memo memo) {
        }

        @OnLogin(retries = 3)
        public ConnectionInfo loginFn() {
            return null;
        }

        @OnProbe
        public int probeFn(@IndexOf("byName") IndexView<String, String> index) {
            return index.size();
        }

        @OnCreate("kopfexamples.kopf.dev")
        public void createFn(@IndexOf("byName") IndexView<String, String> index) {
        }
    }

    @Test
    void readsDaemonsTimersIndexesAndActivities() throws Exception {
        OperatorRegistry registry = HandlerDiscovery.register(List.of(Valid.class), INJECTABLES);

        DaemonHandler daemon = (DaemonHandler) registry.spawningHandlers().get(0);
        assertThat(daemon.id()).isEqualTo("monitor");
        assertThat(daemon.title()).isEqualTo("Daemon 'monitor'");
        assertThat(daemon.initialDelay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(daemon.cancellationBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(daemon.cancellationTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(daemon.cancellationPolling()).isNull();
        assertThat(daemon.filters().labels()).containsKey("run");

        TimerHandler timer = (TimerHandler) registry.spawningHandlers().get(1);
        assertThat(timer.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(timer.idle()).isEqualTo(Duration.ofSeconds(5));
        assertThat(timer.sharp()).isTrue();
        assertThat(timer.initialDelay()).isZero();

        IndexingHandler index = registry.indexingHandlers().get(0);
        assertThat(index.id()).isEqualTo("byName");
        assertThat(index.errors()).isEqualTo(ErrorsMode.IGNORED);

        assertThat(registry.activityHandlers(Activity.STARTUP)).extracting(ActivityHandler::id)
                .containsExactly("startupFn");
        assertThat(registry.activityHandlers(Activity.CLEANUP)).extracting(ActivityHandler::id)
                .containsExactly("bye");
        assertThat(registry.activityHandlers(Activity.AUTHENTICATION).get(0).retries())
                .isEqualTo(3);
        assertThat(registry.activityHandlers(Activity.PROBE).get(0).title())
                .isEqualTo("Activity 'probeFn'");
        assertThat(registry.selectors()).hasSize(2);
    }

    @Test
    void injectsTheSettingsBuilderIntoStartupHandlers() throws Exception {
        OperatorRegistry registry = HandlerDiscovery.register(List.of(StartupOnly.class),
                INJECTABLES);
        OperatorSettings.Builder builder = OperatorSettings.builder();
        registry.activityHandlers(Activity.STARTUP).get(0).fn().call(DefaultContext.builder()
                .settingsBuilder(builder).settings(OperatorSettings.defaults()).build());

        assertThat(builder.build().posting().level()).isEqualTo("WARN");
    }

    public static class StartupOnly {
        @OnStartup
        public void quieter(OperatorSettings.Builder settings) {
            settings.posting(p -> p.withLevel("WARN"));
        }
    }

    public static class TimerWithoutSchedule {
        @Timer("pods")
        public void tick() {
        }
    }

    public static class SharpWithoutInterval {
        @Timer(value = "pods", idle = 5, sharp = true)
        public void tick() {
        }
    }

    public static class BadDaemonTimings {
        @Daemon(value = "pods", initialDelay = -1, cancellationTimeout = -2,
                cancellationPolling = 0)
        public void monitor() {
        }
    }

    public static class LoginWithoutInfo {
        @OnLogin
        public void loginFn() {
        }
    }

    public static class UnknownIndex {
        @Index("pods")
        public Object known() {
            return null;
        }

        @OnProbe
        public Object probeFn(@IndexOf("unknown") IndexView<String, String> index) {
            return null;
        }
    }

    public static class UnqualifiedIndex {
        @OnProbe
        public Object probeFn(IndexView<String, String> index) {
            return null;
        }
    }

    public static class WrongKinds {
        @OnCleanup
        public void cleanupFn(OperatorSettings.Builder settings) {
        }

        @Index("pods")
        public Object indexFn(Patch patch, DaemonStopped stopped) {
            return null;
        }
    }

    public static class DuplicateIndexes {
        @Index("pods")
        public Object byName() {
            return null;
        }

        @Index(value = "configmaps", id = "byName")
        public Object other() {
            return null;
        }
    }

    private static List<String> problems(Class<?> cls) {
        HandlerDeclarationException exception = catchThrowableOfType(
                HandlerDeclarationException.class,
                () -> HandlerDiscovery.register(List.of(cls), INJECTABLES));
        assertThat(exception).as("declaration problems").isNotNull();
        return exception.problems();
    }

    private static String at(String method) {
        return "\n  at " + PREFIX + method;
    }

    @Test
    void reportsTimersWithoutASchedule() {
        assertThat(problems(TimerWithoutSchedule.class)).containsExactly(
                "@Timer needs an interval or an idle time, e.g. interval = 60."
                        + at("TimerWithoutSchedule.tick()"));
        assertThat(problems(SharpWithoutInterval.class)).containsExactly(
                "@Timer has sharp = true but no interval. sharp keeps the calls to a grid of"
                        + " interval seconds: give the interval too."
                        + at("SharpWithoutInterval.tick()"));
    }

    @Test
    void reportsBadDaemonTimings() {
        assertThat(problems(BadDaemonTimings.class)).containsExactly(
                "@Daemon initialDelay must be zero or more seconds, not -1.0. Leave it out for"
                        + " none." + at("BadDaemonTimings.monitor()"),
                "@Daemon cancellationTimeout must be zero or more seconds, not -2.0. Leave it"
                        + " out for none." + at("BadDaemonTimings.monitor()"),
                "@Daemon cancellationPolling must be a positive number of seconds, not 0.0."
                        + " Leave it out for none." + at("BadDaemonTimings.monitor()"));
    }

    @Test
    void reportsLoginHandlersThatReturnNoConnectionInfo() {
        assertThat(problems(LoginWithoutInfo.class)).containsExactly(
                "@OnLogin method must return ConnectionInfo, not void."
                        + at("LoginWithoutInfo.loginFn()"));
    }

    @Test
    void reportsIndexesThatAreNotDeclaredOrNotNamed() {
        assertThat(problems(UnknownIndex.class)).containsExactly(
                "@IndexOf(\"unknown\") names no index. Declared indexes: known."
                        + at("UnknownIndex.probeFn(IndexView)"));
        assertThat(problems(UnqualifiedIndex.class)).containsExactly(
                "IndexView parameter #1 needs @IndexOf with the id of its @Index handler, e.g."
                        + " @IndexOf(\"podsByNamespace\")." + at("UnqualifiedIndex.probeFn(IndexView)"));
    }

    @Test
    void reportsValuesThatTheKindDoesNotHave() {
        assertThat(problems(WrongKinds.class)).containsExactly(
                "Cannot inject parameter #1 of type OperatorSettings.Builder into cleanup"
                        + " handlers. Injectable types for cleanup handlers: Logger, Memo,"
                        + " Retry, KubernetesClient, OperatorSettings, @Param values, or"
                        + " @IndexOf IndexView." + at("WrongKinds.cleanupFn(Builder)"),
                "Cannot inject parameter #1 of type Patch into index handlers. Injectable"
                        + " types for index handlers: Body, Spec, Meta, Status, Logger, Memo,"
                        + " Retry, Resource, KubernetesClient, Context, @Param values, @IndexOf"
                        + " IndexView, or a fabric8 model class (HasMetadata)."
                        + at("WrongKinds.indexFn(Patch, DaemonStopped)"),
                "Cannot inject parameter #2 of type DaemonStopped into index handlers."
                        + " Injectable types for index handlers: Body, Spec, Meta, Status,"
                        + " Logger, Memo, Retry, Resource, KubernetesClient, Context, @Param"
                        + " values, @IndexOf IndexView, or a fabric8 model class (HasMetadata)."
                        + at("WrongKinds.indexFn(Patch, DaemonStopped)"));
    }

    @Test
    void reportsIndexIdsDeclaredTwice() {
        assertThat(problems(DuplicateIndexes.class)).containsExactly(
                "Index id 'byName' is declared twice. Index ids name the indexes, so give one"
                        + " of them another id, e.g. id = \"DuplicateIndexes.other\"."
                        + at("DuplicateIndexes.byName()") + at("DuplicateIndexes.other()"));
    }
}
