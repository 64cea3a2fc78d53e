package dev.kopf.internal.actions;

import dev.kopf.Body;
import dev.kopf.Context;
import dev.kopf.DaemonStopped;
import dev.kopf.Diff;
import dev.kopf.IndexView;
import dev.kopf.Memo;
import dev.kopf.Meta;
import dev.kopf.OperatorSettings;
import dev.kopf.Patch;
import dev.kopf.RawEvent;
import dev.kopf.Reason;
import dev.kopf.Resource;
import dev.kopf.Retry;
import dev.kopf.Spec;
import dev.kopf.Status;
import dev.kopf.SubHandlers;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The {@link Context} given to handlers: every value of one handler call, immutable.
 *
 * <p>Built by the runtime once per cause with {@link #builder()}, then narrowed per handler
 * and per sub-handler with the {@code with…} copies. Values that do not apply to the
 * handler's kind are {@code null}.
 *
 * @param body the object
 * @param patch the cycle's patch
 * @param diff the changes, or {@code null} for event handlers
 * @param oldValue the old essence (or field value), or {@code null}
 * @param newValue the new essence (or field value), or {@code null}
 * @param reason the cause's reason, or {@code null} for event handlers
 * @param logger the per-object logger
 * @param memo the per-object memo
 * @param retry the retry state, or {@code null} for event handlers and filters
 * @param event the raw event, or {@code null} for changing handlers
 * @param resource the resource
 * @param client the operator's client
 * @param param the handler's param; never {@code null}
 * @param handlerId the handler's id
 * @param subhandlers the sub-handler registry, or {@code null} where not allowed
 * @param stopped the stop-flag of daemons and timers, or {@code null}
 * @param indices finds an index by its handler's id; {@code null} when there are none
 * @param settings the operator's settings, for activities; or {@code null}
 * @param settingsBuilder the settings being changed, for startup handlers; or {@code null}
 * @param admission the admission request's values, for admission handlers; or {@code null}
 */
public record DefaultContext(Body body, Patch patch, Diff diff, Object oldValue,
        Object newValue, Reason reason, Logger logger, Memo memo, Retry retry, RawEvent event,
        Resource resource, KubernetesClient client, String param, String handlerId,
        SubHandlers subhandlers, DaemonStopped stopped,
        Function<String, IndexView<?, ?>> indices, OperatorSettings settings,
        OperatorSettings.Builder settingsBuilder, AdmissionValues admission)
        implements Context {

    /** Replaces a missing param with the empty string, as handlers expect. */
    public DefaultContext {
        param = param == null ? "" : param;
    }

    /**
     * Starts an empty builder.
     *
     * @return a builder with every value {@code null}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder holding this context's values.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> IndexView<K, V> index(String id) {
        IndexView<?, ?> found = indices == null ? null : indices.apply(id);
        if (found == null) {
            throw new IllegalArgumentException("No @Index handler has the id '" + id + "'.");
        }
        return (IndexView<K, V>) found;
    }

    @Override
    public Spec spec() {
        return body == null ? null : body.spec();
    }

    @Override
    public Meta meta() {
        return body == null ? null : body.meta();
    }

    @Override
    public Status status() {
        return body == null ? null : body.status();
    }

    /**
     * Returns a copy for another handler id.
     *
     * @param handlerId the id
     * @return a new context
     */
    public DefaultContext withHandlerId(String handlerId) {
        return toBuilder().handlerId(handlerId).build();
    }

    /**
     * Returns a copy with another retry state.
     *
     * @param retry the retry state
     * @return a new context
     */
    public DefaultContext withRetry(Retry retry) {
        return toBuilder().retry(retry).build();
    }

    /**
     * Returns a copy with another sub-handler registry.
     *
     * @param subhandlers the registry, or {@code null}
     * @return a new context
     */
    public DefaultContext withSubhandlers(SubHandlers subhandlers) {
        return toBuilder().subhandlers(subhandlers).build();
    }

    /**
     * Returns a copy with another logger.
     *
     * @param logger the logger
     * @return a new context
     */
    public DefaultContext withLogger(Logger logger) {
        return toBuilder().logger(logger).build();
    }

    /**
     * Returns a copy with another param.
     *
     * @param param the handler's param
     * @return a new context
     */
    public DefaultContext withParam(String param) {
        return toBuilder().param(param).build();
    }

    /** Keeps bodies and the client out of log lines. */
    @Override
    public String toString() {
        return "DefaultContext[handlerId=" + handlerId + ", reason=" + reason
                + ", resource=" + resource + ", name="
                + (body == null ? null : body.meta().name()) + "]";
    }

    /** Builds a {@link DefaultContext}; every value defaults to {@code null}. */
    public static final class Builder {
        private Body body;
        private Patch patch;
        private Diff diff;
        private Object oldValue;
        private Object newValue;
        private Reason reason;
        private Logger logger;
        private Memo memo;
        private Retry retry;
        private RawEvent event;
        private Resource resource;
        private KubernetesClient client;
        private String param;
        private String handlerId;
        private SubHandlers subhandlers;
        private DaemonStopped stopped;
        private Function<String, IndexView<?, ?>> indices;
        private OperatorSettings settings;
        private OperatorSettings.Builder settingsBuilder;
        private AdmissionValues admission;

        private Builder() {
        }

        private Builder(DefaultContext context) {
            body = context.body;
            patch = context.patch;
            diff = context.diff;
            oldValue = context.oldValue;
            newValue = context.newValue;
            reason = context.reason;
            logger = context.logger;
            memo = context.memo;
            retry = context.retry;
            event = context.event;
            resource = context.resource;
            client = context.client;
            param = context.param;
            handlerId = context.handlerId;
            subhandlers = context.subhandlers;
            stopped = context.stopped;
            indices = context.indices;
            settings = context.settings;
            settingsBuilder = context.settingsBuilder;
            admission = context.admission;
        }

        /**
         * Sets the object.
         *
         * @param body the body
         * @return this builder
         */
        public Builder body(Body body) {
            this.body = body;
            return this;
        }

        /**
         * Sets the patch.
         *
         * @param patch the cycle's patch
         * @return this builder
         */
        public Builder patch(Patch patch) {
            this.patch = patch;
            return this;
        }

        /**
         * Sets the diff.
         *
         * @param diff the changes
         * @return this builder
         */
        public Builder diff(Diff diff) {
            this.diff = diff;
            return this;
        }

        /**
         * Sets the old value.
         *
         * @param oldValue the old essence or field value
         * @return this builder
         */
        public Builder oldValue(Object oldValue) {
            this.oldValue = oldValue;
            return this;
        }

        /**
         * Sets the new value.
         *
         * @param newValue the new essence or field value
         * @return this builder
         */
        public Builder newValue(Object newValue) {
            this.newValue = newValue;
            return this;
        }

        /**
         * Sets the reason.
         *
         * @param reason the cause's reason
         * @return this builder
         */
        public Builder reason(Reason reason) {
            this.reason = reason;
            return this;
        }

        /**
         * Sets the logger.
         *
         * @param logger the per-object logger
         * @return this builder
         */
        public Builder logger(Logger logger) {
            this.logger = logger;
            return this;
        }

        /**
         * Sets the memo.
         *
         * @param memo the per-object memo
         * @return this builder
         */
        public Builder memo(Memo memo) {
            this.memo = memo;
            return this;
        }

        /**
         * Sets the retry state.
         *
         * @param retry the retry state
         * @return this builder
         */
        public Builder retry(Retry retry) {
            this.retry = retry;
            return this;
        }

        /**
         * Sets the raw event.
         *
         * @param event the event
         * @return this builder
         */
        public Builder event(RawEvent event) {
            this.event = event;
            return this;
        }

        /**
         * Sets the resource.
         *
         * @param resource the resource
         * @return this builder
         */
        public Builder resource(Resource resource) {
            this.resource = resource;
            return this;
        }

        /**
         * Sets the client.
         *
         * @param client the operator's client
         * @return this builder
         */
        public Builder client(KubernetesClient client) {
            this.client = client;
            return this;
        }

        /**
         * Sets the param.
         *
         * @param param the handler's param
         * @return this builder
         */
        public Builder param(String param) {
            this.param = param;
            return this;
        }

        /**
         * Sets the handler id.
         *
         * @param handlerId the id
         * @return this builder
         */
        public Builder handlerId(String handlerId) {
            this.handlerId = handlerId;
            return this;
        }

        /**
         * Sets the sub-handler registry.
         *
         * @param subhandlers the registry
         * @return this builder
         */
        public Builder subhandlers(SubHandlers subhandlers) {
            this.subhandlers = subhandlers;
            return this;
        }

        /**
         * Sets the stop-flag of a daemon or timer.
         *
         * @param stopped the flag
         * @return this builder
         */
        public Builder stopped(DaemonStopped stopped) {
            this.stopped = stopped;
            return this;
        }

        /**
         * Sets how indexes are found by id.
         *
         * @param indices the lookup; returns {@code null} for unknown ids
         * @return this builder
         */
        public Builder indices(Function<String, IndexView<?, ?>> indices) {
            this.indices = indices;
            return this;
        }

        /**
         * Sets the operator's settings, for activities.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder settings(OperatorSettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * Sets the settings being changed, for startup handlers.
         *
         * @param settingsBuilder the builder
         * @return this builder
         */
        public Builder settingsBuilder(OperatorSettings.Builder settingsBuilder) {
            this.settingsBuilder = settingsBuilder;
            return this;
        }

        /**
         * Sets the admission request's values, for admission handlers.
         *
         * @param admission the values
         * @return this builder
         */
        public Builder admission(AdmissionValues admission) {
            this.admission = admission;
            return this;
        }

        /**
         * Builds the context.
         *
         * @return a new immutable context
         */
        public DefaultContext build() {
            return new DefaultContext(body, patch, diff, oldValue, newValue, reason, logger,
                    memo, retry, event, resource, client, param, handlerId, subhandlers,
                    stopped, indices, settings, settingsBuilder, admission);
        }
    }
}
