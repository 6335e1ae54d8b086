/**
 * The write-ahead journal on disk that makes the queues and aggregation durable, and its replay
 * after a crash.
 */
package io.edgesec.aggregator.internal.journal;
