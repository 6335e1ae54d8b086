package io.edgesec.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** (a) Messages with real ListeningPorts flow from collector-process to the file transport. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ListeningPortsFlowTest extends AgentTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    public void listeningSocketOfThisProcessArrivesWithPidAndExecutable() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            configureAgent("PT1S");
            String port = Integer.toString(server.getLocalPort());
            String pid = Long.toString(ProcessHandle.current().pid());
            Map<String, Object> event = awaitEvent("ListeningPorts with port " + port, e -> "ListeningPorts".equals(e.get("Name"))
                    && payload(e).stream().anyMatch(p -> port.equals(p.get("LocalPort"))));
            assertEquals("Security", event.get("EventType"));
            assertEquals("Periodic", event.get("Category"));
            Map<String, Object> item = payload(event).stream().filter(p -> port.equals(p.get("LocalPort"))).findFirst().orElseThrow();
            assertEquals("127.0.0.1", item.get("LocalAddress"));
            assertEquals("tcp", item.get("Protocol"));
            Map<String, Object> extra = (Map<String, Object>) item.get("ExtraDetails");
            assertTrue("pid " + pid + " in " + extra, List.of(((String) extra.get("Pid")).split(",")).contains(pid));
            assertTrue("executable of this JVM: " + extra, ((String) extra.get("Executable")).endsWith("/java"));
        }
    }
}
