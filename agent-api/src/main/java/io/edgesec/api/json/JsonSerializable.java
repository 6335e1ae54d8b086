package io.edgesec.api.json;

import org.osgi.annotation.versioning.ConsumerType;

/** A value that writes its own compact JSON form. */
@ConsumerType
public interface JsonSerializable {
    void writeJson(StringBuilder out);
}
