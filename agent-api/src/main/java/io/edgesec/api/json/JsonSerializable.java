package io.edgesec.api.json;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A value that writes its own compact JSON form.
 *
 * @deprecated kept so that {@code SecurityEvent}, which implements it, stays binary compatible
 *             with collectors built against agent-api 1.x; the agent's JSON is written with
 *             Jackson, and nothing new should implement or call this.
 */
@Deprecated
@ConsumerType
public interface JsonSerializable {
    void writeJson(StringBuilder out);
}
