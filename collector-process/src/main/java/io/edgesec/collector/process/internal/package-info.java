/** /proc collector: ListeningPorts, process snapshot, process start and exit. */
package io.edgesec.collector.process.internal;
