package io.edgesec.api.event;

/**
 * The benchmarks' way to serialize an event afresh (agent-api's package-private
 * {@code EventJson}, reached through the split package a class path allows): what
 * {@code toUtf8()}/{@code utf8Size()} cost the first time, which the event then caches.
 */
public final class EventJsonAccess {
    private EventJsonAccess() {
    }

    public static byte[] utf8(SecurityEvent e) {
        return EventJson.event(e);
    }
}
