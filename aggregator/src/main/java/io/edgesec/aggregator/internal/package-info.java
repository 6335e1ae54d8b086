/**
 * Whiteboard consumer of collectors: schedule, aggregate, prioritise, queue and build messages.
 * This package holds the DS component ({@code Aggregator}) and what it wires together at start
 * and stop; each concept lives in a package of its own: {@code config}, {@code intake},
 * {@code aggregation}, {@code queue}, {@code journal}, {@code send}, {@code report},
 * {@code wire}, {@code health}, {@code metrics}.
 */
package io.edgesec.aggregator.internal;
