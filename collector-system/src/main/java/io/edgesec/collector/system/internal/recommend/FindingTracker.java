package io.edgesec.collector.system.internal.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raises each finding once and again only when its data changes: a periodic collector sees
 * the same open port or permissive policy at every snapshot, and the back end needs it once.
 * A finding that disappears is forgotten, so it is raised again if it comes back.
 */
public final class FindingTracker {
    private final Map<String, Map<String, Map<String, String>>> raised = new HashMap<>(); // type -> key -> data

    /**
     * @param type     the recommendation type whose complete current findings these are
     * @param findings every current finding of that type
     * @return the findings that are new or changed since the previous call for this type
     */
    public synchronized List<Recommendation> update(String type, List<Recommendation> findings) {
        Map<String, Map<String, String>> before = raised.getOrDefault(type, Map.of());
        Map<String, Map<String, String>> now = new HashMap<>();
        List<Recommendation> out = new ArrayList<>();
        for (Recommendation r : findings) {
            now.put(r.key(), r.data());
            if (!r.data().equals(before.get(r.key()))) {
                out.add(r);
            }
        }
        raised.put(type, now);
        return out;
    }
}
