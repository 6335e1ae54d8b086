package io.edgesec.manifest.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One positive and one negative case for every rule of the catalogue. */
class RuleCasesTest {
    record Case(String id, Severity severity, Consumer<Fx> positive, Consumer<Fx> negative) {
    }

    static final List<Case> CASES = new ArrayList<>();

    static void c(String id, Severity sev, Consumer<Fx> pos, Consumer<Fx> neg) {
        CASES.add(new Case(id, sev, pos, neg));
    }

    static {
        // 2.1 privilege and isolation
        c("IOTE-001", Severity.CRITICAL, f -> f.hc("'Privileged':true"), f -> f.hc("'Privileged':false"));
        c("IOTE-002", Severity.HIGH, f -> f.hc("'NetworkMode':'host'"), f -> f.hc("'NetworkMode':'azure-iot-edge'"));
        c("IOTE-003", Severity.HIGH, f -> f.hc("'PidMode':'host'"), f -> f.hc("'PidMode':''"));
        c("IOTE-004", Severity.HIGH, f -> f.hc("'IpcMode':'HOST'"), f -> f.hc("'IpcMode':'private'"));
        c("IOTE-005", Severity.MEDIUM, f -> f.hc("'UTSMode':'host'"), f -> f.hc("'UTSMode':''"));
        c("IOTE-006", Severity.MEDIUM, f -> f.hc("'UsernsMode':'host'"), f -> f.hc("'UsernsMode':''"));
        c("IOTE-007", Severity.MEDIUM, f -> f.hc("'PidMode':'container:other'"), f -> f.hc("'PidMode':'private'"));
        c("IOTE-008", Severity.LOW, f -> f.hc("'CgroupParent':'/custom'"), f -> f.hc("'CgroupParent':''"));
        c("IOTE-009", Severity.CRITICAL, f -> f.hc("'CapAdd':['CAP_SYS_ADMIN']"), f -> f.hc("'CapAdd':['CHOWN']"));
        c("IOTE-010", Severity.MEDIUM, f -> f.hc("'CapAdd':['NET_ADMIN']"), f -> f.hc("'CapAdd':['SETUID']"));
        c("IOTE-011", Severity.LOW, f -> f.hc("'CapAdd':['net_raw']"), f -> f.hc("'CapAdd':['KILL']"));
        c("IOTE-012", Severity.INFO, f -> f.hc("'CapDrop':['CHOWN','SETUID']"), f -> f.hc("'CapDrop':['all']"));
        c("IOTE-013", Severity.LOW, f -> f.hc("'SecurityOpt':['label=level:s0']"), f -> f.hc("'SecurityOpt':['no-new-privileges:true']"));
        c("IOTE-014", Severity.HIGH, f -> f.hc("'SecurityOpt':['no-new-privileges','seccomp:unconfined']"), f -> f.hc("'SecurityOpt':['no-new-privileges','seccomp=/p.json']"));
        c("IOTE-015", Severity.HIGH, f -> f.hc("'SecurityOpt':['no-new-privileges','apparmor=unconfined']"), f -> f.hc("'SecurityOpt':['no-new-privileges','apparmor=docker-default']"));
        c("IOTE-016", Severity.MEDIUM, f -> f.hc("'SecurityOpt':['no-new-privileges','label:disable']"), f -> f.hc("'SecurityOpt':['no-new-privileges','label=level:s0:c100']"));
        c("IOTE-017", Severity.HIGH, f -> f.hc("'MaskedPaths':[]"), f -> f.hc("'MaskedPaths':['/proc/kcore']"));
        c("IOTE-018", Severity.MEDIUM, f -> f.hc("'Sysctls':{'kernel.core_pattern':'|/x'}"), f -> f.hc("'Sysctls':{'net.ipv4.tcp_keepalive_time':'600'}"));
        c("IOTE-019", Severity.MEDIUM, f -> f.user = "'User':'root',", f -> f.user = "'User':'app',");
        c("IOTE-020", Severity.LOW, f -> f.hc("'ReadonlyRootfs':false"), f -> f.hc("'ReadonlyRootfs':'true'"));
        c("IOTE-021", Severity.INFO, f -> f.hc("'Runtime':'nvidia'"), f -> f.hc("'Runtime':'runc'"));
        // 2.2 mounts, devices, ports
        c("IOTE-030", Severity.CRITICAL, f -> f.hc("'Binds':['/var/run/docker.sock:/var/run/docker.sock']"), f -> f.hc("'Binds':['dockerdata:/var/run/docker']"));
        c("IOTE-031", Severity.CRITICAL, f -> f.hc("'Mounts':[{'Type':'bind','Source':'/var/lib/iotedge/mgmt.sock','Target':'/m.sock'}]"),
                f -> f.hc("'Mounts':[{'Type':'volume','Source':'iotedge','Target':'/var/lib/iotedge'}]"));
        c("IOTE-032", Severity.CRITICAL, f -> f.hc("'Binds':['/etc:/host/etc']"), f -> f.hc("'Binds':['/srv/app/etc:/etc/app']"));
        c("IOTE-033", Severity.INFO, f -> f.hc("'Binds':['/srv/data:/data']"), f -> f.hc("'Binds':['data:/data']"));
        c("IOTE-034", Severity.MEDIUM, f -> f.hc("'Binds':['/srv/data:/data:rw,rshared']"), f -> f.hc("'Binds':['/srv/data:/data:ro,rprivate']"));
        c("IOTE-035", Severity.HIGH, f -> f.hc("'Devices':[{'PathOnHost':'/dev/sda','PathInContainer':'/dev/sda','CgroupPermissions':'rwm'}]"),
                f -> f.hc("'Devices':[]"));
        c("IOTE-036", Severity.HIGH, f -> f.hc("'DeviceCgroupRules':['c *:* rmw']"), f -> f.hc("'DeviceCgroupRules':['c 189:* rmw']"));
        c("IOTE-037", Severity.MEDIUM, f -> f.hc("'PortBindings':{'8080/tcp':[{'HostPort':'8080'}]}"),
                f -> f.hc("'PortBindings':{'8080/tcp':[{'HostIp':'172.17.0.1','HostPort':'8080'}]}"));
        c("IOTE-038", Severity.LOW, f -> f.hc("'PortBindings':{'80/tcp':[{'HostIp':'127.0.0.1','HostPort':'80'}]}"),
                f -> f.hc("'PortBindings':{'80/tcp':[{'HostIp':'127.0.0.1','HostPort':'8080'}]}"));
        c("IOTE-039", Severity.HIGH, f -> f.hc("'PortBindings':{'2375/tcp':[{'HostPort':'2375'}]}"),
                f -> f.hc("'PortBindings':{'6379/tcp':[{'HostIp':'127.0.0.1','HostPort':'6379'}]}"));
        // 2.3 limits
        c("IOTE-040", Severity.MEDIUM, f -> f.hc("'Memory':0"), f -> f.hc("'Memory':'536870912'"));
        c("IOTE-041", Severity.LOW, f -> f.hc("'NanoCpus':0"), f -> f.hc("'NanoCpus':0,'CpusetCpus':'0-1'"));
        c("IOTE-042", Severity.LOW, f -> f.hc("'PidsLimit':-1"), f -> f.hc("'PidsLimit':50"));
        c("IOTE-043", Severity.MEDIUM, f -> f.hc("'OomKillDisable':true"), f -> f.hc("'OomKillDisable':false"));
        c("IOTE-044", Severity.INFO, f -> f.hc("'Ulimits':[{'Name':'core','Soft':-1,'Hard':-1}]"), f -> f.hc("'Ulimits':[]"));
        c("IOTE-045", Severity.LOW, f -> f.hc("'RestartPolicy':{'Name':'always'}"), f -> f.hc("'RestartPolicy':{'Name':'on-failure','MaximumRetryCount':5}"));
        c("IOTE-046", Severity.INFO, f -> f.topLevel = "'Healthcheck':{'Test':['NONE']},", f -> f.topLevel = "'Healthcheck':{'Test':['CMD','true']},");
        c("IOTE-047", Severity.INFO, f -> f.hc("'LogConfig':{'Type':'json-file','Config':{'max-file':'3'}}"),
                f -> f.hc("'LogConfig':{'Type':'syslog','Config':{}}"));
        // 2.4 images
        c("IOTE-050", Severity.MEDIUM, f -> f.image = "mcr.microsoft.com/m", f -> f.image = "mcr.microsoft.com/m@sha256:abcdef");
        c("IOTE-051", Severity.LOW, f -> f.image = "mcr.microsoft.com/m:1.5", f -> f.image = "mcr.microsoft.com/m:1.5.2");
        c("IOTE-052", Severity.MEDIUM, f -> f.image = "myacr.azurecr.io/m:1.2.3-debug", f -> f.image = "myacr.azurecr.io/m-debugger-free:1.2.3");
        c("IOTE-053", Severity.MEDIUM, f -> f.hubImage = "mcr.microsoft.com/azureiotedge-hub:1.4.9", f -> f.hubImage = "mcr.microsoft.com/azureiotedge-hub:1.5.10");
        c("IOTE-054", Severity.LOW, f -> f.image = "ghcr.io/x/m:1.2.3", f -> f.image = "contoso.azurecr.io/m:1.2.3");
        c("IOTE-055", Severity.MEDIUM, f -> f.image = "localhost:5000/m:1.2.3", f -> f.image = "registry.contoso.com:5000/m:1.2.3");
        c("IOTE-056", Severity.INFO, f -> f.moduleExtra = "'imagePullPolicy':'never',", f -> f.moduleExtra = "'imagePullPolicy':'on-create',");
        // 2.5 secrets
        c("IOTE-060", Severity.HIGH, f -> f.registryCredentials = "{'r':{'address':'contoso.azurecr.io','username':'sp','password':'hunter2'}}",
                f -> f.registryCredentials = "{'r':{'address':'contoso.azurecr.io','username':'sp','password':'$CONTAINER_REGISTRY_PASSWORD'}}");
        c("IOTE-061", Severity.MEDIUM, f -> f.registryCredentials = "{'r':{'address':'contoso.azurecr.io','username':'contoso','password':'$P'}}",
                f -> f.registryCredentials = "{'r':{'address':'contoso.azurecr.io','username':'pull-token','password':'$P'}}");
        c("IOTE-062", Severity.HIGH, f -> f.env = "{'DB_PASSWORD':{'value':'s3cret!'}}", f -> f.env = "{'LOG_LEVEL':{'value':'debug'}}");
        c("IOTE-063", Severity.HIGH, f -> f.topLevel = "'Env':['STORAGE=DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc=='],",
                f -> f.topLevel = "'Env':['STORAGE_CONTAINER=samples'],");
        c("IOTE-064", Severity.CRITICAL, f -> f.env = "{'HUB':{'value':'HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=abc='}}",
                f -> f.env = "{'HUB':{'value':'HostName=h.azure-devices.net;DeviceId=d;ModuleId=m'}}");
        c("IOTE-065", Severity.HIGH, f -> f.twins = ",'m':{'properties.desired':{'aadServicePrincipalSecret':'abc123xyz'}}",
                f -> f.twins = ",'m':{'properties.desired':{'aadTenantId':'abc123xyz'}}");
        // 2.6 IoT Edge configuration
        c("IOTE-070", Severity.HIGH, f -> {
            f.hubEnv += ",'SslProtocols':{'value':'tls1.1,tls1.2'}";
            f.hubImage = "mcr.microsoft.com/azureiotedge-hub:1.4.9";
        }, f -> f.hubEnv += ",'SslProtocols':{'value':'tls1.2,tls1.3'}");
        c("IOTE-071", Severity.MEDIUM, f -> f.hubEnv += ",'AuthenticationMode':{'value':'Cloud'}", f -> f.hubEnv += ",'AuthenticationMode':{'value':'CloudAndScope'}");
        c("IOTE-072", Severity.HIGH, f -> f.env = "{'inbound:serverAuth:tlsPolicy':{'value':'disabled'}}", f -> f.env = "{'inbound:serverAuth:tlsPolicy':{'value':'strict'}}");
        c("IOTE-073", Severity.MEDIUM, f -> f.hubDesiredExtra = ",'mqttBroker':{'authorizations':[{'identities':['{{iot:identity}}'],'allow':[{'operations':['mqtt:subscribe'],'resources':['#']}]}]}",
                f -> f.hubDesiredExtra = ",'mqttBroker':{'authorizations':[{'identities':['{{iot:identity}}'],'allow':[{'operations':['mqtt:subscribe'],'resources':['sensors/{{iot:identity}}/#']}]}]}");
        c("IOTE-074", Severity.INFO, f -> f.hubDesiredExtra = ",'routes':{'r':{'route':'FROM /* INTO $upstream','priority':0,'timeToLiveSecs':86400}}",
                f -> f.hubDesiredExtra = ",'routes':{'r':{'route':'FROM /* INTO $upstream','priority':0,'timeToLiveSecs':3600}}");
        c("IOTE-075", Severity.INFO, f -> f.hubEnv = "'storageFolder':{'value':'/data'},'amqpSettings__enabled':{'value':'true'}",
                f -> f.hubEnv = "'storageFolder':{'value':'/data'},'httpSettings__enabled':{'value':'False'}");
        c("IOTE-076", Severity.HIGH, f -> f.agentSchema = "'1.2'", f -> f.agentSchema = "'1.0'");
        c("IOTE-077", Severity.HIGH, f -> f.createOptionsRaw = "'{\\'HostConfig\\':{'", f -> f.createOptionsRaw = Fx.str(f.options()));
        c("IOTE-078", Severity.MEDIUM, f -> f.createOptionsRaw = Fx.str(f.options().replaceFirst("'HostConfig'", "HostConfig")), f -> f.createOptionsRaw = Fx.str(f.options()));
        c("IOTE-079", Severity.MEDIUM, f -> f.hc("'Privileged':true,'privileged':false"), f -> f.hc("'OomKillDisable':false"));
        c("IOTE-080", Severity.INFO, f -> f.topLevel = "'Privileged':true,", f -> f.topLevel = "'Hostname':'m',");
        c("IOTE-081", Severity.HIGH, f -> f.hubStatus = "'status':'running','restartPolicy':'on-failure',", f -> f.hubStatus = "'status':'Running','restartPolicy':'Always',");
        c("IOTE-082", Severity.INFO, f -> f.integrity = "", f -> { });
        c("IOTE-083", Severity.INFO, f -> f.hubOptions = "{'HostConfig':{'Binds':['/srv/edgehub:/tmp/other']}}", f -> f.hubOptions = "{'HostConfig':{'Binds':['/srv/edgehub:/data/']}}");
        c("IOTE-084", Severity.INFO, f -> f.hc("'Binds':['$VIDEO_OUTPUT_FOLDER_ON_DEVICE:/out']"), f -> f.hc("'Binds':['/srv/out:/out']"));
    }

    static Stream<Arguments> cases() {
        return CASES.stream().map(c -> Arguments.of(c.id(), c));
    }

    @Test
    void defaultFixtureIsClean() {
        List<Finding> fs = new Fx().findings();
        assertTrue(fs.isEmpty(), "the hardened fixture must raise nothing:\n" + Fx.ids(fs));
    }

    @Test
    void everyRuleHasACase() {
        Set<String> catalogue = new TreeSet<>();
        RuleCatalogue.all().forEach(r -> catalogue.add(r.info().id()));
        Set<String> cased = new TreeSet<>();
        CASES.forEach(c -> assertTrue(cased.add(c.id()), "duplicate case " + c.id()));
        assertEquals(catalogue, cased);
        assertEquals(67, catalogue.size());
    }

    @ParameterizedTest(name = "{0} positive")
    @MethodSource("cases")
    void positive(String id, Case c) {
        Fx f = new Fx();
        c.positive().accept(f);
        List<Finding> fs = f.findings().stream().filter(x -> x.ruleId().equals(id)).toList();
        assertFalse(fs.isEmpty(), id + " not raised on\n" + f.json() + "\nall findings:\n" + Fx.ids(f.findings()));
        assertTrue(fs.stream().anyMatch(x -> x.severity() == c.severity()), id + " severity: expected " + c.severity() + " in " + Fx.ids(fs));
        for (Finding x : fs) {
            assertTrue(x.location().line() >= 1 && x.location().column() >= 1, "location of " + x);
            assertTrue(x.fingerprint().matches("[0-9a-f]{32}"));
        }
    }

    @ParameterizedTest(name = "{0} negative")
    @MethodSource("cases")
    void negative(String id, Case c) {
        Fx f = new Fx();
        c.negative().accept(f);
        List<Finding> fs = f.findings();
        assertTrue(fs.stream().noneMatch(x -> x.ruleId().equals(id)), id + " raised on the negative case:\n" + Fx.ids(fs));
    }
}
