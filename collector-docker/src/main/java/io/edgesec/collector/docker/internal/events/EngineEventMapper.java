package io.edgesec.collector.docker.internal.events;

import static io.edgesec.collector.docker.internal.JsonValues.string;
import static io.edgesec.collector.docker.internal.JsonValues.text;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.docker.internal.JsonValues;
import io.edgesec.collector.docker.internal.manifest.EdgeLabels;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One engine event (the JSON of {@code GET /events}) as a ContainerEvent payload item.
 *
 * <p>Docker writes {@code exec_create: <command>} and {@code exec_start: <command>}; the command
 * goes to {@code Command}. Podman writes {@code exec} with no command (and {@code exec_died});
 * its {@code exec} is reported as {@code exec_start} with {@code EngineAction: "exec"}.
 */
public final class EngineEventMapper {
    private EngineEventMapper() {
    }

    /** The parts of an event needed for ordering and de-duplication. */
    public record Key(long timeNanos, String type, String actorId, String action) {
    }

    public static Key key(Map<String, Object> event) {
        long nanos = JsonValues.number(event.get("timeNano"), -1);
        if (nanos < 0) {
            nanos = JsonValues.number(event.get("time"), 0) * 1_000_000_000L;
        }
        String type = text(event.get("Type"));
        if (type == null) {
            type = "container"; // pre-1.22 engines: only container events, no Type
        }
        String action = text(event.get("Action"));
        if (action == null) {
            action = string(event.get("status"));
        }
        String actor = JsonValues.stringAt(event, "Actor", "ID");
        if (actor == null) {
            actor = string(event.get("id"));
        }
        return new Key(nanos, type, actor == null ? "" : actor, action == null ? "" : action);
    }

    public static Instant time(Key key) {
        return Instant.ofEpochSecond(0, key.timeNanos());
    }

    public static Map<String, Object> toPayload(Map<String, Object> event) {
        Key key = key(event);
        Map<String, Object> attrs = JsonValues.mapAt(event, "Actor", "Attributes");
        if (attrs == null) {
            attrs = Map.of();
        }
        String engineAction = key.action();
        String action = engineAction;
        String detail = null;
        int colon = engineAction.indexOf(':');
        if (colon >= 0) {
            action = engineAction.substring(0, colon).strip();
            detail = engineAction.substring(colon + 1).strip();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("EventTime", SecurityEvent.formatUtc(time(key)));
        p.put("ObjectType", key.type());
        switch (key.type()) {
            case "container" -> {
                if (action.equals("exec")) {
                    action = "exec_start";
                    p.put("EngineAction", engineAction);
                }
                p.put("Action", action);
                p.put("ContainerId", key.actorId());
                p.put("ContainerName", string(attrs.get("name")));
                p.put("Image", string(attrs.get("image")));
                if (action.startsWith("exec_")) {
                    p.put("Command", detail);
                    p.put("ExecId", string(attrs.get("execID")));
                }
                if (action.equals("die") || action.equals("exec_die") || action.equals("exec_died")) {
                    Object code = attrs.containsKey("exitCode") ? attrs.get("exitCode") : attrs.get("containerExitCode");
                    p.put("ExitCode", code == null ? null : JsonValues.number(code, -1));
                }
                if (action.equals("kill")) {
                    p.put("Signal", string(attrs.get("signal")));
                }
                if (action.equals("health_status")) {
                    p.put("HealthStatus", detail);
                }
                if (action.equals("rename")) {
                    p.put("OldName", string(attrs.get("oldName")));
                }
                if (EdgeLabels.OWNER_EDGE_AGENT.equals(attrs.get(EdgeLabels.OWNER))) {
                    String module = text(attrs.get(EdgeLabels.MODULE));
                    p.put("ModuleName", module != null ? module : string(attrs.get("name")));
                }
            }
            case "image" -> {
                p.put("Action", action);
                p.put("ImageId", key.actorId());
                p.put("Image", string(attrs.get("name")));
            }
            case "volume" -> {
                p.put("Action", action);
                p.put("VolumeName", key.actorId());
                p.put("Driver", string(attrs.get("driver")));
                if (attrs.containsKey("container")) {
                    p.put("ContainerId", string(attrs.get("container")));
                }
                if (attrs.containsKey("destination")) {
                    p.put("Target", string(attrs.get("destination")));
                    p.put("ReadOnly", "false".equals(attrs.get("read/write")));
                    p.put("Propagation", text(attrs.get("propagation")));
                }
            }
            case "network" -> {
                p.put("Action", action);
                p.put("NetworkId", key.actorId());
                p.put("NetworkName", string(attrs.get("name")));
                p.put("NetworkType", string(attrs.get("type")));
                if (attrs.containsKey("container")) {
                    p.put("ContainerId", string(attrs.get("container")));
                }
            }
            default -> {
                p.put("Action", action);
                p.put("ObjectId", key.actorId());
                p.put("ObjectName", string(attrs.get("name")));
            }
        }
        return p;
    }
}
