package io.edgesec.detector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgesec.api.event.SecurityEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * IOTA-042 from the container engine's exec events (no audit needed: the command docker exec'd
 * shows the intent), and the IoT Edge module in the Entities of container alerts, from the
 * container events' ModuleName and from the ModuleName the docker enricher adds to a process of
 * a module's container.
 */
class ContainerExecAndModuleTest {

    private static SecurityEvent exec(String command, String module) {
        Ev.Seq s = new Ev.Seq();
        Map<String, Object> p = Ev.map("Action", "exec_start", "ContainerId", "c0ffee00aa", "ContainerName", "edge-c",
                "Image", "busybox:1", "Command", command);
        if (module != null) {
            p.put("ModuleName", module);
        }
        return s.add("ContainerEvent", p).events.get(0);
    }

    private static List<SecurityEvent> alerts(SecurityEvent... events) {
        return Detect.alerts(List.of(events), Map.of());
    }

    private static Map<?, ?> entities(SecurityEvent alert) {
        return (Map<?, ?>) alert.payload().get(0).get("Entities");
    }

    @Test
    void escapeCommandsExecdIntoAContainerRaiseIota042NamingTheContainer() {
        for (String c : List.of("nsenter -t 1 -m -u -i -n -p -- sh", "busybox nsenter --target 1 --mount sh", "nsenter -a -t 1 true",
                "chroot /host sh", "docker -H unix:///var/run/docker.sock ps", "curl --unix-socket /run/containerd/containerd.sock http://x/")) {
            List<SecurityEvent> a = alerts(exec(c, null));
            assertEquals(Set.of("IOTA-042"), Detect.ids(a), c);
            assertEquals("edge-c", entities(a.get(0)).get("ContainerName"), c);
            assertEquals("c0ffee00aa", entities(a.get(0)).get("ContainerId"), c);
        }
    }

    @Test
    void nearMissesNoEscapeInTheCommand() {
        for (String c : List.of("nsenter -t 4242 -n ip a", "nsenter -t 12 -m true", "ls /host", "cat /etc/hostname",
                "chroot /srv/jail sh", "docker ps")) {
            assertEquals(Set.of(), Detect.ids(alerts(exec(c, null))), c);
        }
    }

    @Test
    void aModuleContainersAlertCarriesTheModuleAPlainContainersDoesNot() {
        List<SecurityEvent> module = alerts(exec("sh", "SimulatedTemperatureSensor"));
        assertEquals(Set.of("IOTA-041"), Detect.ids(module));
        assertEquals("SimulatedTemperatureSensor", entities(module.get(0)).get("Module"));
        List<SecurityEvent> plain = alerts(exec("sh", null));
        assertNull(entities(plain.get(0)).get("Module"));
    }

    @Test
    void aProcessTheEnricherAttributedToAModuleCarriesTheModule() {
        // ProcessCreate as the docker enricher leaves it: the container and module in ExtraDetails (Azure kind)
        Ev.Seq s = new Ev.Seq();
        s.run("nsenter -t 1 -m -u -i -n -p -- sh");
        Map<String, Object> p = new java.util.LinkedHashMap<>(s.events.get(0).payload().get(0));
        Map<String, Object> x = new java.util.LinkedHashMap<>((Map<String, Object>) p.get("ExtraDetails"));
        x.put("ContainerId", "c0ffee00aa");
        x.put("ContainerName", "SimulatedTemperatureSensor");
        x.put("ModuleName", "SimulatedTemperatureSensor");
        p.put("ExtraDetails", x);
        SecurityEvent e = s.events.get(0).toBuilder().id(s.events.get(0).id()).clearPayload().payload(p).build();
        List<SecurityEvent> a = alerts(e);
        assertEquals(Set.of("IOTA-042"), Detect.ids(a));
        assertEquals("SimulatedTemperatureSensor", entities(a.get(0)).get("Module"));
        assertEquals("c0ffee00aa", entities(a.get(0)).get("ContainerId"));
    }
}
