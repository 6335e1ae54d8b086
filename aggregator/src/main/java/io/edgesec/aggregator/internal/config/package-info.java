/**
 * The aggregator's configuration: the metatype (AggregatorConfig), its parsed and checked form
 * (Settings), and the agent id.
 */
package io.edgesec.aggregator.internal.config;
