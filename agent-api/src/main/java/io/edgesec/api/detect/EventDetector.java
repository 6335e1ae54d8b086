package io.edgesec.api.detect;

import io.edgesec.api.event.SecurityEvent;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A detection engine used offline (replay of a log from any device): events in, Alert events
 * out. Not thread-safe: one caller feeds it events in time order.
 */
@ConsumerType
public interface EventDetector {
    /** @return the alerts this event completes (often none); alerts still folding are held */
    List<SecurityEvent> detect(SecurityEvent event);

    /** End of input: @return every alert still held (folded repeats), each once */
    List<SecurityEvent> finish();
}
