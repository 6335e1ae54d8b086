/** Whiteboard consumer of collectors: schedule, aggregate, prioritise, queue and build messages. */
package io.edgesec.aggregator.internal;
