/**
 * The events the aggregator reports about itself: operational status, configuration errors,
 * statistics, recommendations.
 */
package io.edgesec.aggregator.internal.report;
