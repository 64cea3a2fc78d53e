package dev.kopf.testing;

import dev.kopf.OperatorSettings;
import dev.kopf.testing.internal.junit.ClusterSession;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link KopfTest}: one cluster session per test class, one
 * {@link KopfRunner} per test, injection of {@code KubernetesClient},
 * {@link EmbeddedKubernetes} and {@link KopfRunner} into fields and parameters, and removal
 * of the objects each test created. Use it through {@code @KopfTest}; with a bare
 * {@code @ExtendWith(KopfExtension.class)} the defaults of {@code @KopfTest} apply (no CRDs,
 * no runner).
 *
 * @since 0.1
 */
public final class KopfExtension implements BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KopfExtension.class);
    private static final String SESSION = "session";
    private static final String RUN = "run";
    private static final List<Class<?>> INJECTED =
            List.of(KubernetesClient.class, EmbeddedKubernetes.class, KopfRunner.class);

    /** Created by JUnit. */
    public KopfExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        ClusterSession session = store.get(SESSION, ClusterSession.class);
        if (session == null) {
            KopfTest config = config(context);
            session = ClusterSession.open(timeout(config));
            store.put(SESSION, session);
            try {
                for (String crd : config.crds()) {
                    session.installCrds(crd);
                }
                for (String resource : config.cleanup()) {
                    session.track(resource);
                }
            } catch (RuntimeException e) {
                store.remove(SESSION);
                session.close();
                throw e;
            }
        }
        injectFields(context.getRequiredTestClass(), null, session, null, true);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Only the class that opened the session closes it; nested classes share it.
        ClusterSession session = context.getStore(NAMESPACE).remove(SESSION, ClusterSession.class);
        if (session != null) {
            session.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        KopfTest config = config(context);
        ClusterSession session = session(context);
        TestRun run = new TestRun(session.snapshot());
        context.getStore(NAMESPACE).put(RUN, run);
        if (config.handlers().length > 0 || config.args().length > 0) {
            run.runner = startRunner(config, session);
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(instance.getClass(), instance, session, run.runner, false);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestRun run = context.getStore(NAMESPACE).remove(RUN, TestRun.class);
        if (run == null) {
            return;
        }
        // The operator's failure fails the test, but the objects are removed anyway.
        RuntimeException failure = null;
        try {
            if (run.runner != null) {
                run.runner.close();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            session(context).deleteCreatedSince(run.before);
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ClusterSession session = session(context);
        if (type == KubernetesClient.class) {
            return session.client();
        } else if (type == EmbeddedKubernetes.class) {
            return session.server();
        }
        TestRun run = context.getTestMethod().isPresent()
                ? context.getStore(NAMESPACE).get(RUN, TestRun.class) : null;
        if (run == null) {
            throw new ParameterResolutionException("A KopfRunner is injected only into test "
                    + "methods, @BeforeEach and @AfterEach methods, and fields: "
                    + parameter.getDeclaringExecutable() + ".");
        }
        if (run.runner == null) {
            throw new ParameterResolutionException("No KopfRunner runs for "
                    + context.getRequiredTestClass().getName() + ": @KopfTest has neither "
                    + "handlers nor args.");
        }
        return run.runner;
    }

    private static KopfRunner startRunner(KopfTest config, ClusterSession session)
            throws InterruptedException {
        Duration timeout = timeout(config);
        KopfRunner.Builder builder = KopfRunner.builder().client(session.client())
                .handlers(config.handlers()).settings(settings(config)).timeout(timeout);
        if (config.args().length > 0) {
            builder.args(config.args());
        } else if (config.namespaces().length > 0) {
            builder.namespaces(config.namespaces());
        } else {
            builder.clusterwide();
        }
        KopfRunner runner = builder.start();
        if (!runner.awaitReady(timeout)) {
            String output = runner.output();
            runner.close();  // Re-throws the operator's own failure, if that was the cause.
            throw new IllegalStateException("The operator did not become ready within "
                    + timeout.toSeconds() + " seconds. Its output:\n" + output);
        }
        return runner;
    }

    private static OperatorSettings settings(KopfTest config) {
        Class<? extends Supplier<OperatorSettings>> type = config.settings();
        try {
            Constructor<? extends Supplier<OperatorSettings>> constructor =
                    type.getDeclaredConstructor();
            constructor.setAccessible(true);
            OperatorSettings settings = constructor.newInstance().get();
            if (settings == null) {
                throw new ExtensionConfigurationException(type.getName() + " supplied null "
                        + "settings. Return OperatorSettings.defaults() or a built one.");
            }
            return settings;
        } catch (ReflectiveOperationException e) {
            throw new ExtensionConfigurationException("Cannot create the settings supplier "
                    + type.getName() + ": " + e + ". It needs a no-argument constructor.", e);
        }
    }

    private static void injectFields(Class<?> type, Object instance, ClusterSession session,
            KopfRunner runner, boolean staticOnly) throws IllegalAccessException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                boolean isStatic = Modifier.isStatic(field.getModifiers());
                if (Modifier.isFinal(field.getModifiers()) || (staticOnly && !isStatic)
                        || (!isStatic && instance == null)) {
                    continue;
                }
                Object value;
                if (field.getType() == KubernetesClient.class) {
                    value = session.client();
                } else if (field.getType() == EmbeddedKubernetes.class) {
                    value = session.server();
                } else if (field.getType() == KopfRunner.class && !isStatic) {
                    value = runner;
                } else {
                    continue;
                }
                field.setAccessible(true);
                field.set(isStatic ? null : instance, value);
            }
        }
    }

    private static ClusterSession session(ExtensionContext context) {
        ClusterSession session = context.getStore(NAMESPACE).get(SESSION, ClusterSession.class);
        if (session == null) {
            throw new ExtensionConfigurationException("KopfExtension has no cluster for "
                    + context.getDisplayName() + "; it starts one before the test class.");
        }
        return session;
    }

    private static KopfTest config(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            KopfTest found = findAnnotation(c);
            if (found != null) {
                return found;
            }
        }
        return Defaults.class.getAnnotation(KopfTest.class);
    }

    private static KopfTest findAnnotation(Class<?> type) {
        KopfTest direct = type.getAnnotation(KopfTest.class);
        if (direct != null) {
            return direct;
        }
        for (var annotation : type.getAnnotations()) {
            KopfTest meta = annotation.annotationType().getAnnotation(KopfTest.class);
            if (meta != null) {
                return meta;
            }
        }
        return null;
    }

    private static Duration timeout(KopfTest config) {
        if (!(config.timeout() > 0)) {
            throw new ExtensionConfigurationException(
                    "@KopfTest timeout must be > 0 seconds: " + config.timeout() + ".");
        }
        return Duration.ofMillis((long) (config.timeout() * 1000));
    }

    /** Holds the defaults of {@code @KopfTest}, for a bare {@code @ExtendWith}. */
    @KopfTest
    private static final class Defaults {
    }

    /** What one test started and what existed before it. */
    private static final class TestRun {
        private final ClusterSession.Snapshot before;
        private KopfRunner runner;

        TestRun(ClusterSession.Snapshot before) {
            this.before = before;
        }
    }
}
