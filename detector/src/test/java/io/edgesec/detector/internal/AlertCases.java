package io.edgesec.detector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Suites of alert scenarios ({@link BuiltinAlertsTest}, {@link SystemChangeAlertsTest}): each
 * fills a {@link Table} and offers it as {@code static Stream<Case> cases()}; every case runs
 * through the engine with the built-in rules on its own and must raise exactly the listed IDs
 * (a near miss, none). One runner, so that the suites judge a case the same way.
 */
abstract class AlertCases {
    record Case(String name, Set<String> expected, Consumer<Ev.Seq> events) {
        @Override
        public String toString() {
            return name + " -> " + (expected.isEmpty() ? "nothing" : expected);
        }
    }

    /** The scenarios of one suite, in the order they are written. */
    static final class Table {
        private final List<Case> cases = new ArrayList<>();

        /** A scenario that must raise exactly {@code ids}. */
        void fires(String name, Set<String> ids, Consumer<Ev.Seq> s) {
            cases.add(new Case(name, ids, s));
        }

        /** A scenario that must raise {@code id} and nothing else. */
        void fires(String name, String id, Consumer<Ev.Seq> s) {
            fires(name, Set.of(id), s);
        }

        /** A near miss: must raise nothing. */
        void quiet(String name, Consumer<Ev.Seq> s) {
            fires(name, Set.of(), s);
        }

        Stream<Case> stream() {
            return cases.stream();
        }
    }

    /** Runs {@code c}'s events through a fresh engine with the default configuration. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void raisesExactlyTheExpectedAlerts(Case c) {
        Ev.Seq s = new Ev.Seq();
        c.events().accept(s);
        var alerts = Detect.alerts(s.events, Map.of());
        TreeSet<String> ids = Detect.ids(alerts);
        assertEquals(new TreeSet<>(c.expected()), ids, () -> c.name() + ": " + alerts);
    }

    /**
     * Runs {@code c}'s events as the detector's thread takes them (process starts' fields read
     * ahead on the collector's thread): exactly the same alerts, with the same payloads.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void raisesTheSameAlertsFromReadAheads(Case c) {
        Ev.Seq s = new Ev.Seq();
        c.events().accept(s);
        var direct = Detect.alerts(s.events, Map.of());
        var readAhead = Detect.alertsReadAhead(Detect.engine(Map.of()), s.events);
        assertEquals(payloads(direct), payloads(readAhead), c.name());
    }

    private static List<Object> payloads(List<io.edgesec.api.event.SecurityEvent> alerts) {
        List<Object> out = new ArrayList<>();
        for (var a : alerts) {
            out.add(a.name());
            out.add(a.timestamp());
            out.add(a.payload());
        }
        return out;
    }
}
