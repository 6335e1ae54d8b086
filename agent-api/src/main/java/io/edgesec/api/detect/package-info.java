/**
 * The detection SPI. A detector bundle registers an {@link io.edgesec.api.detect.EventObserver}
 * service; the aggregator hands it every raw event it accepts (after enrichment, before
 * aggregation folds repeats) and never names a detector (whiteboard). Alerts go back through a
 * {@link io.edgesec.api.collector.TriggeredCollector} of the detector's own, so they take the
 * normal path: queues, journal, messages. Offline tools (e.g. {@code edgesec replay}) find a
 * detector engine through {@link java.util.ServiceLoader} and {@link io.edgesec.api.detect.EventDetectorProvider}.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.detect;
