/**
 * The High, Low and Operational queues under one byte budget: eviction, drops counted, batches
 * in flight.
 */
package io.edgesec.aggregator.internal.queue;
