package io.edgesec.detector.internal.engine;

import io.edgesec.detector.internal.view.EventView;

/**
 * A rule that needs more than one event (brute force, download then run ...). Its state must be
 * bounded ({@link BoundedLru}) and its evictions counted. Runs on the engine's one thread.
 */
public interface StatefulRule {
    void onEvent(EventView v, Raiser raise);

    /**
     * @return the names of the events whose items {@link #onEvent} reads, or null for every event.
     *         The engine asks once per configuration and calls {@link #onEvent} only for those
     *         (most rules read process starts only: a connection need not visit them). A rule
     *         that returns a set must ignore every other event in {@link #onEvent} anyway.
     */
    default java.util.Set<String> events() {
        return null;
    }

    /**
     * A snapshot (a periodic event: FirewallConfiguration, ListeningPorts, ContainerInventory ...)
     * as a whole, before its items go to {@link #onEvent}: what a snapshot lacks matters too, and
     * an empty one has no item at all.
     */
    default void onSnapshot(io.edgesec.api.event.SecurityEvent e, Raiser raise) {
    }

    /**
     * @return true while a later {@link #expire} could raise something (an alert waiting for its
     *         grace period, an open range window): the detector thread keeps its tick running
     *         only while some rule says so. Called at most once per tick, so it may scan its state.
     */
    default boolean waiting() {
        return false;
    }

    /** Time passed (event time, or the wall clock when idle): raise what was waiting for it. */
    default void expire(java.time.Instant now, Raiser raise) {
    }

    /** End of input or shutdown: raise whatever is still pending. */
    default void finish(Raiser raise) {
    }

    /** @return a name for this rule's state in the saved engine state, or null if it keeps none worth saving */
    default String stateName() {
        return null;
    }

    /** @return the state worth keeping across a detector update, as JSON-ready values */
    default java.util.List<java.util.Map<String, Object>> snapshot() {
        return java.util.List.of();
    }

    /** Takes back a {@link #snapshot()} (entries too old for the window are skipped). */
    default void restore(java.util.List<java.util.Map<String, Object>> entries, java.time.Instant now) {
    }

    /** @return state entries evicted because a cap was reached, since the start */
    long evictions();

    /** Where a stateful rule raises its hits. */
    interface Raiser {
        /** @param severity null: the alert's catalogue (or configured) severity */
        void raise(String alertId, java.util.Map<String, String> entities, java.util.List<String> key,
                String description, String severity, java.util.List<String> evidence, java.time.Instant time);

        /** @return the entities of a process event (user, process, parent, container ...), a fresh mutable map */
        java.util.Map<String, String> entities(EventView v);
    }
}
