package dev.kopf.internal.clients;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * The operator's one {@link KubernetesClient} for handlers and handler-class constructors,
 * which exist before the real client does (it is made after the startup handlers, or after
 * the login): a proxy that forwards every call to the real client once it is known, and
 * makes it on first use when it can.
 *
 * <p>Set once by the reactor; called from any thread.
 */
public final class DeferredClient {

    private final KubernetesClient proxy;
    private final Object lock = new Object();
    private volatile KubernetesClient target;
    private Supplier<KubernetesClient> factory;

    /**
     * Creates a proxy with nothing behind it yet.
     *
     * @param factory makes the client on first use, or throws a clear
     *     {@code IllegalStateException} when it cannot exist yet
     */
    public DeferredClient(Supplier<KubernetesClient> factory) {
        this.factory = factory;
        this.proxy = (KubernetesClient) Proxy.newProxyInstance(
                KubernetesClient.class.getClassLoader(), new Class<?>[] {KubernetesClient.class},
                new Forwarder());
    }

    /**
     * Returns the proxy given to handlers.
     *
     * @return the proxy
     */
    public KubernetesClient proxy() {
        return proxy;
    }

    /**
     * Returns the real client, making it now if needed.
     *
     * @return the client
     * @throws IllegalStateException when it cannot exist yet
     */
    public KubernetesClient get() {
        KubernetesClient known = target;
        if (known != null) {
            return known;
        }
        synchronized (lock) {
            if (target == null) {
                target = factory.get();
            }
            return target;
        }
    }

    /**
     * Changes how the real client is made, unless it exists already.
     *
     * @param next the new factory
     */
    public void replaceFactory(Supplier<KubernetesClient> next) {
        synchronized (lock) {
            factory = next;
        }
    }

    private final class Forwarder implements InvocationHandler {
        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "KubernetesClient of the operator";
                };
            }
            try {
                return method.invoke(get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
