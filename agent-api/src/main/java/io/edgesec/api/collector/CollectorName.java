package io.edgesec.api.collector;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The collector's name as a DS component property type ({@link Collector#NAME}): on a component,
 * {@code @CollectorName("process")} gives its service the property {@code
 * edgesec.collector.name=process}, checked by the compiler instead of written as a string. (The
 * name follows the DS rule for a single-element annotation: {@code CollectorName} is {@code
 * collector.name}, after {@link #PREFIX_}.)
 *
 * @since 1.2 of io.edgesec.api.collector
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface CollectorName {
    /** The prefix of the property name. */
    String PREFIX_ = "edgesec.";

    /** @return the collector's name, e.g. {@code process} */
    String value();
}
