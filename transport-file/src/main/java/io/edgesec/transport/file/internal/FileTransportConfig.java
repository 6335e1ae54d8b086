package io.edgesec.transport.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = FileTransportConfig.PID, name = "edgesec local file transport",
        description = "Writes each security message as one JSON line; the fallback when no hub is configured.")
public @interface FileTransportConfig {
    String PID = "io.edgesec.transport.file";

    @AttributeDefinition(description = "File to append to, or - for standard output.")
    String path() default "edgesec-messages.jsonl";

    @AttributeDefinition(description = "fsync after every message (durable across power loss, slower).")
    boolean fsync() default false;
}
