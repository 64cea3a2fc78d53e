package dev.kopf.internal.concurrent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A set of named on/off toggles that is "on" while any of its toggles is on, as Kopf's
 * {@code aiotoggles.ToggleSet(any)} for {@code operator_paused}: each reason to pause (a
 * peering object's conflicts, a missing peering CRD, a lease not held) owns one toggle, and
 * the operator runs only when all of them are off.
 *
 * <p>Thread-safe. Listeners are told of every change of the overall state, in order, on the
 * thread that turned the deciding toggle; they must return quickly.
 */
public final class ToggleSet {

    private final List<Toggle> toggles = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    /** The overall state last told to the listeners; guarded by {@code this}. */
    private boolean told;

    /**
     * Makes a toggle that belongs to this set.
     *
     * @param name what it stands for, for logs
     * @param initial whether it starts on
     * @return the new toggle
     */
    public Toggle makeToggle(String name, boolean initial) {
        Toggle toggle = new Toggle(this, name, initial);
        toggles.add(toggle);
        changed();
        return toggle;
    }

    /**
     * Removes a toggle: it no longer counts.
     *
     * @param toggle the toggle
     */
    public void dropToggle(Toggle toggle) {
        toggles.remove(toggle);
        changed();
    }

    /**
     * Tells whether any toggle is on.
     *
     * @return {@code true} when at least one toggle is on
     */
    public boolean isOn() {
        return toggles.stream().anyMatch(Toggle::isOn);
    }

    /**
     * Returns the names of the toggles that are on.
     *
     * @return the names, in creation order
     */
    public List<String> activeNames() {
        return toggles.stream().filter(Toggle::isOn).map(Toggle::name).toList();
    }

    /**
     * Adds a listener of the overall state; it is told the current state at once.
     *
     * @param listener receives {@code true} when the set turns on, {@code false} when off
     */
    public void onChange(Consumer<Boolean> listener) {
        synchronized (this) {
            listeners.add(listener);
            listener.accept(told);
        }
    }

    synchronized void changed() {
        boolean now = isOn();
        if (now == told) {
            return;
        }
        told = now;
        for (Consumer<Boolean> listener : listeners) {
            listener.accept(now);
        }
    }

    /** One named toggle of a {@link ToggleSet}. Thread-safe. */
    public static final class Toggle {
        private final ToggleSet owner;
        private final String name;
        private volatile boolean on;

        private Toggle(ToggleSet owner, String name, boolean initial) {
            this.owner = owner;
            this.name = name;
            this.on = initial;
        }

        /**
         * Turns the toggle on or off.
         *
         * @param value the new state
         */
        public void turnTo(boolean value) {
            on = value;
            owner.changed();
        }

        /**
         * Tells whether the toggle is on.
         *
         * @return its state
         */
        public boolean isOn() {
            return on;
        }

        /**
         * Returns the toggle's name.
         *
         * @return the name
         */
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name + (on ? " (on)" : " (off)");
        }
    }
}
