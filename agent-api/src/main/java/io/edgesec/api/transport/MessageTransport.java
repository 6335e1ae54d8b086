package io.edgesec.api.transport;

import io.edgesec.api.event.SecurityMessage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Delivers security messages. The aggregator uses the transport service with the highest
 * {@code service.ranking}; the local file transport is the fallback.
 *
 * <p>{@link #send} returns only once the message is delivered (written, or acknowledged by the
 * hub). If it throws, the aggregator keeps the message's events queued and retries later, so a
 * transport must never report success for a message it did not deliver.
 */
@ConsumerType
public interface MessageTransport {
    /** Service property: the transport's name, e.g. {@code file} or {@code edgehub} (on a DS component: {@link TransportName}). */
    String NAME = "edgesec.transport.name";

    void send(SecurityMessage message) throws Exception;
}
