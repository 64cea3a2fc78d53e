package dev.kopf.spring;

import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the operator of a Spring Boot application: a {@link KubernetesClient} bean (unless
 * the application has one), the {@link Operator} with every bean that declares Kopf
 * handlers, started with the application and stopped with it, and its Actuator health.
 *
 * <p>The operator's settings come from an {@link OperatorSettings} bean when there is one,
 * then the {@link KopfProperties}, then the {@link OperatorCustomizer} beans.
 *
 * @since 0.2
 */
@AutoConfiguration
@EnableConfigurationProperties(KopfProperties.class)
@ConditionalOnProperty(prefix = "kopf", name = "enabled", matchIfMissing = true)
public class KopfAutoConfiguration {

    /** Creates the configuration; Spring does. */
    public KopfAutoConfiguration() {
    }

    /**
     * The Kubernetes client: KUBECONFIG, {@code ~/.kube/config} or the in-cluster service
     * account, as fabric8 detects them, watching over plain HTTP (fabric8's Vert.x WebSocket
     * client can lose a watch's first message; the handlers get this client).
     *
     * @return the client, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public KubernetesClient kubernetesClient() {
        io.fabric8.kubernetes.client.Config config =
                io.fabric8.kubernetes.client.Config.autoConfigure(null);
        config.setOnlyHttpWatches(true);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The operator, with the handler beans; declaration errors fail the context's start.
     *
     * @param beans the application's beans, searched for handlers
     * @param client the client
     * @param properties the {@code kopf.*} properties
     * @param settings an {@link OperatorSettings} bean, if any
     * @param customizers the customizers, in order
     * @param meters the application's meter registry (Actuator's), if any: the operator's
     *     {@code kopf.*} meters are registered there
     * @return the operator, not yet started
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public Operator kopfOperator(ListableBeanFactory beans, KubernetesClient client,
            KopfProperties properties, ObjectProvider<OperatorSettings> settings,
            ObjectProvider<OperatorCustomizer> customizers, ObjectProvider<MeterRegistry> meters) {
        Operator.Builder builder = Operator.builder().client(client)
                .handlers(KopfHandlerBeans.find(beans).toArray())
                .settings(PropertySettings.apply(properties,
                        settings.getIfAvailable(OperatorSettings::defaults)));
        if (properties.clusterwide()) {
            builder.clusterwide();
        }
        List<String> namespaces = properties.namespaces();
        if (namespaces != null && !namespaces.isEmpty()) {
            builder.namespaces(namespaces);
        }
        if (properties.liveness() != null && !properties.liveness().isEmpty()) {
            builder.liveness(properties.liveness());
        }
        meters.ifAvailable(builder::meterRegistry);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * Runs the operator with the application.
     *
     * @param operator the operator
     * @return the lifecycle bean
     */
    @Bean
    public SmartLifecycle kopfOperatorLifecycle(Operator operator) {
        return new OperatorLifecycle(operator);
    }

    /** The Actuator health indicator, when Actuator is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    public static class Health {

        /** Creates the configuration; Spring does. */
        public Health() {
        }

        /**
         * The operator's health, named {@code kopf}.
         *
         * @param operator the operator
         * @return the indicator
         */
        @Bean(name = "kopfHealthIndicator")
        @ConditionalOnMissingBean(name = "kopfHealthIndicator")
        public KopfHealthIndicator kopfHealthIndicator(Operator operator) {
            return new KopfHealthIndicator(operator);
        }
    }
}
