package io.edgesec.api.detect;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * An event observer's name in drop reports as a DS component property type ({@link
 * EventObserver#NAME}): on a component, {@code @ObserverName("detector")} gives its service the
 * property {@code edgesec.observer.name=detector}, checked by the compiler instead of written as a
 * string. (The name follows the DS rule for a single-element annotation: {@code ObserverName} is
 * {@code observer.name}, after {@link #PREFIX_}.)
 *
 * @since 1.1 of io.edgesec.api.detect
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ObserverName {
    /** The prefix of the property name. */
    String PREFIX_ = "edgesec.";

    /** @return the observer's name */
    String value();
}
