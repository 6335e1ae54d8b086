package io.edgesec.api.collector;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * A periodic collector's period as a DS component property type ({@link
 * PeriodicCollector#PERIOD}): on a component, {@code @CollectorPeriod("PT30S")} gives its service
 * the property {@code edgesec.collector.period=PT30S}, checked by the compiler instead of written
 * as a string. (The name follows the DS rule for a single-element annotation: {@code
 * CollectorPeriod} is {@code collector.period}, after {@link #PREFIX_}.)
 *
 * @since 1.2 of io.edgesec.api.collector
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface CollectorPeriod {
    /** The prefix of the property name. */
    String PREFIX_ = "edgesec.";

    /** @return the period, an ISO-8601 duration */
    String value();
}
