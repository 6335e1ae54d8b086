/**
 * The collector service SPI. A collector bundle registers a {@link io.edgesec.api.collector.PeriodicCollector}
 * or a {@link io.edgesec.api.collector.TriggeredCollector} service; the aggregator picks it up
 * (whiteboard pattern) and releases it when it goes away.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
@org.osgi.annotation.bundle.Export
package io.edgesec.api.collector;
