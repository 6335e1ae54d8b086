/**
 * Where events come in: periodic collectors run on schedule, triggered collectors' sinks with
 * their quotas, observers fed, then routing into aggregation or the queues.
 */
package io.edgesec.aggregator.internal.intake;
