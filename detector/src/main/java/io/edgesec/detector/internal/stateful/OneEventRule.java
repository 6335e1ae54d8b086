package io.edgesec.detector.internal.stateful;

import io.edgesec.detector.internal.engine.StatefulRule;
import io.edgesec.detector.internal.view.EventView;
import java.util.Set;

/**
 * A stateful rule that reads one kind of event (process starts, logins): the engine calls it for
 * that event only ({@link #events()}), and any other it is given is ignored, as
 * {@link StatefulRule#events()} asks.
 */
abstract class OneEventRule implements StatefulRule {
    private final String event;
    private final Set<String> events;

    OneEventRule(String event) {
        this.event = event;
        this.events = Set.of(event);
    }

    @Override
    public final Set<String> events() {
        return events;
    }

    @Override
    public final void onEvent(EventView v, Raiser raise) {
        if (event.equals(v.name())) {
            judge(v, raise);
        }
    }

    /** An event of the rule's kind. */
    abstract void judge(EventView v, Raiser raise);
}
