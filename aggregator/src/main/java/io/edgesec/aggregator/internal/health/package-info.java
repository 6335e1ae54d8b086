/** The agent's health as it happens, and the health file that edgesec health reads. */
package io.edgesec.aggregator.internal.health;
