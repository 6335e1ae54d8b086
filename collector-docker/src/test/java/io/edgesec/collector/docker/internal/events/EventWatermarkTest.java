package io.edgesec.collector.docker.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventWatermarkTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aReconnectReplaysTheLastSecondAndOnlyNewEventsPass() {
        EventWatermark w = new EventWatermark(100 * S);
        assertTrue(w.accept(100 * S + 5, "container", "a", "create"));
        assertTrue(w.accept(101 * S + 7, "container", "a", "start"));
        assertTrue(w.accept(101 * S + 9, "container", "b", "create"));
        assertEquals(101, w.sinceSeconds(), "resume from the second of the last event");
        // the engine replays second 101 after a reconnect
        assertFalse(w.accept(101 * S + 7, "container", "a", "start"));
        assertFalse(w.accept(101 * S + 9, "container", "b", "create"));
        // same time, different object: a new event
        assertTrue(w.accept(101 * S + 9, "container", "c", "create"));
        assertTrue(w.accept(102 * S, "container", "a", "die"));
        assertFalse(w.accept(101 * S + 9, "container", "c", "create"), "older than the resume second: already delivered");
    }
}
