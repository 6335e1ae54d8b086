/**
 * Building messages from the queues and handing them to the transport on the sender's thread,
 * each send bounded in time.
 */
package io.edgesec.aggregator.internal.send;
