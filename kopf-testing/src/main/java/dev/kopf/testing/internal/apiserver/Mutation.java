package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a write decided to do with the current object, computed outside the store's lock and
 * committed under it only if the object is still the one the decision was based on.
 */
sealed interface Mutation {
    /** Leaves the object as it is: a no-op write keeps its resourceVersion. */
    record Keep() implements Mutation {
    }

    /** Stores a new version of the object. */
    record Replace(ObjectNode next) implements Mutation {
    }

    /**
     * Removes the object; {@code lastState} is a private copy of its last stored state, which
     * watchers receive in the DELETED event with the deletion's resourceVersion.
     */
    record Remove(ObjectNode lastState) implements Mutation {
    }
}
