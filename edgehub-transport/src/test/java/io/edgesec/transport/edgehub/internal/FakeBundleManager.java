package io.edgesec.transport.edgehub.internal;

import io.edgesec.api.bundles.BundleManagement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A bundle manager for the bridge's tests: installs what is desired (ACTIVE) and removes what is
 * no longer; an entry pinning {@link #refusedDigest} is refused instead and the refusal kept in
 * memory only, as the real manager keeps it. It can be made to fail as a stopped service does
 * ({@link #gone}) or to block in {@code reconcile} ({@link #entered}, {@link #release}).
 */
final class FakeBundleManager implements BundleManagement {
    final Map<String, String> installed;
    final Map<String, String> refusals = new TreeMap<>();
    final List<Map<String, Object>> calls = new ArrayList<>();
    final String refusedDigest;
    volatile boolean gone;
    volatile CountDownLatch entered;
    volatile CountDownLatch release;

    /** @param restored what the instance finds installed when it starts (its persisted set) */
    FakeBundleManager(Map<String, String> restored) {
        this(restored, null);
    }

    FakeBundleManager(Map<String, String> restored, String refusedDigest) {
        this.installed = new TreeMap<>(restored);
        this.refusedDigest = refusedDigest;
    }

    @Override
    public synchronized Map<String, Object> reconcile(Map<String, Object> desired) {
        if (entered != null) {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failIfGone();
        calls.add(new LinkedHashMap<>(desired));
        Map<String, Object> out = new TreeMap<>();
        for (String bsn : List.copyOf(installed.keySet())) {
            if (desired.get(bsn) == null) {
                installed.remove(bsn);
                out.put(bsn, null);
            }
        }
        refusals.keySet().removeIf(bsn -> desired.get(bsn) == null);
        desired.forEach((bsn, v) -> {
            if (v instanceof Map<?, ?> e && refusedDigest != null && refusedDigest.equals(e.get("sha256"))) {
                refusals.put(bsn, "SHA-256 mismatch");
            } else if (v != null) {
                installed.put(bsn, "ACTIVE");
            }
        });
        out.putAll(states());
        return out;
    }

    @Override
    public synchronized Map<String, Object> states() {
        failIfGone();
        Map<String, Object> out = new TreeMap<>();
        installed.forEach((bsn, state) -> out.put(bsn, Map.of("state", state)));
        refusals.forEach((bsn, why) -> out.put(bsn, Map.of("state", "REFUSED", "error", why)));
        return out;
    }

    @Override
    public Instant nextRetry() {
        return null;
    }

    private void failIfGone() {
        if (gone) {
            throw new IllegalStateException("Invalid BundleContext.");
        }
    }
}
