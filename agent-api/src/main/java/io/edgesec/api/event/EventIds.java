package io.edgesec.api.event;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Random (version 4) event ids without a {@link SecureRandom} draw per event:
 * {@code UUID.randomUUID()} reads the shared SecureRandom under a lock for every event, a
 * measurable part of the audit collector's cost at 1,000 events/s. Ids must be unique, not
 * secret, so each thread draws from a {@link SplittableRandom} seeded once from SecureRandom
 * (122 random bits per id, new seeds in every run, so ids from a spool of an earlier run do
 * not collide with new ones).
 */
final class EventIds {
    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<SplittableRandom> RANDOM = ThreadLocal.withInitial(EventIds::seeded);

    private EventIds() {
    }

    private static SplittableRandom seeded() {
        synchronized (SEEDS) {
            return new SplittableRandom(SEEDS.nextLong());
        }
    }

    /** @return a new random UUID in its 36-character text form */
    static String next() {
        SplittableRandom r = RANDOM.get();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(msb, lsb).toString();
    }
}
