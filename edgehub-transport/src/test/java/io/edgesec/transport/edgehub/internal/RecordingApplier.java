package io.edgesec.transport.edgehub.internal;

import io.edgesec.api.config.ApplyResult;
import io.edgesec.api.config.ConfigurationApplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test ConfigurationApplier with the real one's contract: all or nothing (a frequency that is
 * not an ISO-8601 duration rejects the whole document), effective() in the twin's shape.
 */
final class RecordingApplier implements ConfigurationApplier {
    record Call(Map<String, Object> document, String source, ApplyResult result) {
    }

    private final Map<String, Object> azure = new TreeMap<>(Map.of(
            "highPriorityMessageFrequency", "PT7M", "lowPriorityMessageFrequency", "PT5H"));
    private final Map<String, Object> edgesec = new TreeMap<>();
    private final List<Call> calls = new ArrayList<>();

    @Override
    @SuppressWarnings("unchecked")
    public synchronized ApplyResult apply(Map<String, Object> document, String source) {
        List<String> errors = new ArrayList<>();
        Map<String, Object> newAzure = new TreeMap<>(azure);
        Map<String, Object> newEdgesec = new TreeMap<>(edgesec);
        if (document.get(AZURE_SECTION) instanceof Map<?, ?> a) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) a).entrySet()) {
                Object v = e.getValue() instanceof Map<?, ?> w ? w.get("value") : e.getValue();
                if (e.getKey().endsWith("Frequency")) {
                    try {
                        Duration.parse(String.valueOf(v));
                    } catch (RuntimeException ex) {
                        errors.add(AZURE_SECTION + "/" + e.getKey() + ": '" + v + "' is not an ISO-8601 duration");
                        continue;
                    }
                }
                newAzure.put(e.getKey(), v);
            }
        }
        if (document.get(EDGESEC_SECTION) instanceof Map<?, ?> s) {
            ((Map<String, Object>) s).forEach((pid, props) -> newEdgesec.put(pid, props));
        }
        ApplyResult r;
        if (errors.isEmpty()) {
            azure.clear();
            azure.putAll(newAzure);
            edgesec.clear();
            edgesec.putAll(newEdgesec);
            r = new ApplyResult(List.of(), Map.of("io.edgesec.aggregator", new LinkedHashMap<>(azure)));
        } else {
            r = new ApplyResult(errors, Map.of());
        }
        calls.add(new Call(document, source, r));
        notifyAll();
        return r;
    }

    @Override
    public synchronized Map<String, Object> effective() {
        Map<String, Object> a = new TreeMap<>();
        azure.forEach((k, v) -> a.put(k, Map.of("value", v)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(AZURE_SECTION, a);
        doc.put(EDGESEC_SECTION, new TreeMap<>(edgesec));
        return doc;
    }

    synchronized List<Call> calls() {
        return new ArrayList<>(calls);
    }

    synchronized Call awaitCall(int n, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (calls.size() < n) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("the applier got " + calls.size() + " documents, expected " + n + ": " + calls);
            }
            wait(left);
        }
        return calls.get(n - 1);
    }
}
