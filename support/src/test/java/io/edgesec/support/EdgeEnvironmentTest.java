package io.edgesec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeEnvironmentTest {
    private static Map<String, String> module() {
        Map<String, String> env = new HashMap<>();
        env.put("IOTEDGE_WORKLOADURI", "unix:///var/run/iotedge/workload.sock");
        env.put("IOTEDGE_DEVICEID", "dev");
        env.put("IOTEDGE_MODULEID", "edgesec");
        env.put("IOTEDGE_IOTHUBHOSTNAME", "hub.azure-devices.net");
        env.put("IOTEDGE_MODULEGENERATIONID", "gen");
        env.put("IOTEDGE_AUTHSCHEME", "sasToken");
        env.put("PATH", "/usr/bin");
        return env;
    }

    @Test
    void theEdgeAgentsVariablesMakeAnEdgeModule() {
        Map<String, String> env = module();
        assertTrue(EdgeEnvironment.present(env));
        assertNull(EdgeEnvironment.missing(env));
        assertEquals("IoT Edge module dev/edgesec via gateway (none)", EdgeEnvironment.describe(env));
        env.put("IOTEDGE_GATEWAYHOSTNAME", "gw");
        assertEquals("IoT Edge module dev/edgesec via gateway gw", EdgeEnvironment.describe(env));
    }

    @Test
    void noVariablesIsNoEdgeModule() {
        assertFalse(EdgeEnvironment.present(Map.of("PATH", "/usr/bin")));
    }

    @Test
    void anEmptyOrBlankVariableCountsAsAbsent() {
        for (String empty : new String[] {"", "  "}) {
            for (String identity : new String[] {"IOTEDGE_MODULEID", "IOTEDGE_DEVICEID", "IOTEDGE_IOTHUBHOSTNAME"}) {
                Map<String, String> env = module();
                env.put(identity, empty);
                assertFalse(EdgeEnvironment.present(env), identity + "='" + empty + "' switches edge mode on");
            }
            assertFalse(EdgeEnvironment.present(Map.of(EdgeEnvironment.EDGEHUB_CONNECTION_STRING, empty)));
            Map<String, String> env = module();
            env.put("IOTEDGE_AUTHSCHEME", empty);
            env.put("IOTEDGE_WORKLOADURI", empty);
            assertTrue(EdgeEnvironment.present(env), "the identity is there");
            assertEquals("IOTEDGE_WORKLOADURI, IOTEDGE_AUTHSCHEME", EdgeEnvironment.missing(env));
        }
    }

    @Test
    void theSimulatorsConnectionStringAloneIsEnough() {
        Map<String, String> env = Map.of(EdgeEnvironment.EDGEHUB_CONNECTION_STRING, "HostName=h;DeviceId=d;ModuleId=m;SharedAccessKey=k");
        assertTrue(EdgeEnvironment.present(env));
        assertNull(EdgeEnvironment.missing(env));
        assertEquals("IoT Edge simulator connection string (EdgeHubConnectionString)", EdgeEnvironment.describe(env));
    }

    @Test
    void missingNamesEveryAbsentWorkloadVariable() {
        Map<String, String> env = new HashMap<>(Map.of("IOTEDGE_MODULEID", "m"));
        assertEquals("IOTEDGE_WORKLOADURI, IOTEDGE_DEVICEID, IOTEDGE_IOTHUBHOSTNAME, IOTEDGE_MODULEGENERATIONID, IOTEDGE_AUTHSCHEME",
                EdgeEnvironment.missing(env));
    }
}
