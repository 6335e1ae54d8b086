package io.edgesec.api.transport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * A message transport's name as a DS component property type ({@link MessageTransport#NAME}): on a
 * component, {@code @TransportName("file")} gives its service the property {@code
 * edgesec.transport.name=file}, checked by the compiler instead of written as a string. (The name
 * follows the DS rule for a single-element annotation: {@code TransportName} is {@code
 * transport.name}, after {@link #PREFIX_}.)
 *
 * @since 1.1 of io.edgesec.api.transport
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TransportName {
    /** The prefix of the property name. */
    String PREFIX_ = "edgesec.";

    /** @return the transport's name, e.g. {@code file} */
    String value();
}
