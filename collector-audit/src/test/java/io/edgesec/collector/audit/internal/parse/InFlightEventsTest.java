package io.edgesec.collector.audit.internal.parse;

import static io.edgesec.collector.audit.internal.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive-keyed in-flight table behaves as the insertion-ordered map it replaced. */
class InFlightEventsTest {
    private static final AuditRecord ANY = record("type=SYSCALL msg=audit(1.000:1): pid=1");

    @Test
    void randomAddsAndRemovesMatchALinkedHashMap() {
        Random rnd = new Random(3);
        InFlightEvents table = new InFlightEvents();
        Map<Long, AuditEvent> model = new LinkedHashMap<>();
        for (int op = 0; op < 200_000; op++) {
            // small key space with node ids in the high half, so collisions, removals from the
            // middle of probe chains and re-adds happen all the time
            long key = ((long) rnd.nextInt(3) << 32) | rnd.nextInt(700);
            AuditEvent found = table.get(key);
            assertSame(model.get(key), found, "get " + key);
            if (found == null) {
                AuditEvent e = new AuditEvent(ANY);
                table.add(key, e);
                model.put(key, e);
            } else if (rnd.nextBoolean()) {
                table.remove(found);
                model.remove(key);
            }
            if (op % 997 == 0) {
                assertEquals(model.size(), table.size());
                List<AuditEvent> order = new ArrayList<>();
                for (AuditEvent e = table.eldest(); e != null; e = e.next) {
                    order.add(e);
                }
                assertEquals(new ArrayList<>(model.values()), order, "arrival order");
            }
            if (op % 50_000 == 49_999) {
                table.clear();
                model.clear();
                assertNull(table.eldest());
            }
        }
    }
}
