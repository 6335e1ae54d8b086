package io.edgesec.manifest.internal.rules;

import io.edgesec.manifest.internal.model.Manifest;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds small manifests for rule tests. The defaults are a hardened deployment on which no rule
 * fires (see {@code RuleCasesTest#defaultFixtureIsClean}); each case changes one thing.
 * Text uses ' for " to keep the Java readable.
 */
final class Fx {
    static final String HARD_HC = "'CapDrop':['ALL'],'SecurityOpt':['no-new-privileges'],'ReadonlyRootfs':true,'Memory':268435456,"
            + "'NanoCpus':500000000,'PidsLimit':100,'LogConfig':{'Type':'json-file','Config':{'max-size':'10m'}}";

    String source = "deployment.json";
    String agentSchema = "'1.1'";
    String hubSchema = "'1.2'";
    String integrity = ",'integrity':{'header':{'signercert':['x']},'signature':{'bytes':'x','algorithm':'ES256'}}";
    String registryCredentials = "{}";
    String agentImage = "mcr.microsoft.com/azureiotedge-agent:1.5.3";
    String hubImage = "mcr.microsoft.com/azureiotedge-hub:1.5.3";
    String hubEnv = "'storageFolder':{'value':'/data'},'amqpSettings__enabled':{'value':false}";
    String hubStatus = "'status':'running','restartPolicy':'always',";
    String hubOptions = "{'HostConfig':{'Binds':['/srv/edgehub:/data']}}";
    String agentOptions = "{'HostConfig':{'Binds':['/srv/edgeagent:/data']}}";
    String hubDesiredExtra = "";
    String image = "mcr.microsoft.com/m:1.2.3";
    String user = "'User':'1000:1000',";
    String topLevel = "";
    String hostConfig = "";
    String moduleExtra = "";
    String env = "{}";
    /** Raw createOptions value (JSON, ' for "); when set it replaces the object built from user/topLevel/hostConfig. */
    String createOptionsRaw;
    String twins = "";

    /** Adds members to the module's HostConfig, e.g. {@code "'Privileged':true"}. */
    Fx hc(String members) {
        hostConfig = hostConfig + "," + members;
        return this;
    }

    String options() {
        return "{" + user + topLevel + "'HostConfig':{" + HARD_HC + hostConfig + "}}";
    }

    String json() {
        String co = createOptionsRaw != null ? createOptionsRaw : options();
        String t = "{'modulesContent':{'$edgeAgent':{'properties.desired':{'schemaVersion':" + agentSchema
                + ",'runtime':{'type':'docker','settings':{'minDockerVersion':'v1.25','registryCredentials':" + registryCredentials + "}},"
                + "'systemModules':{'edgeAgent':{'type':'docker','settings':{'image':'" + agentImage + "','createOptions':" + agentOptions
                + "},'env':{'storageFolder':{'value':'/data'}}},"
                + "'edgeHub':{'type':'docker'," + hubStatus + "'settings':{'image':'" + hubImage + "','createOptions':" + hubOptions
                + "},'env':{" + hubEnv + "}}},"
                + "'modules':{'m':{'version':'1.0','type':'docker','status':'running','restartPolicy':'always'," + moduleExtra
                + "'settings':{'image':'" + image + "','createOptions':" + co + "},'env':" + env + "}}" + integrity + "}},"
                + "'$edgeHub':{'properties.desired':{'schemaVersion':" + hubSchema + ",'routes':{'r':'FROM /* INTO $upstream'},"
                + "'storeAndForwardConfiguration':{'timeToLiveSecs':7200}" + hubDesiredExtra + "}}" + twins + "}}";
        return t.replace('\'', '"');
    }

    /** @return the findings of the whole catalogue on this fixture */
    List<Finding> findings() {
        return findings(AnalyzerSettings.defaults());
    }

    List<Finding> findings(AnalyzerSettings settings) {
        try {
            return new Analyzer(settings).analyze(Manifest.parse(json(), source));
        } catch (Exception e) {
            throw new AssertionError("fixture does not parse: " + e.getMessage() + "\n" + json(), e);
        }
    }

    static String ids(List<Finding> fs) {
        return fs.stream().map(f -> f.ruleId() + "/" + f.severity() + " " + f.message()).collect(Collectors.joining("\n"));
    }

    /** JSON-escapes ' as \" for use inside a createOptions string. */
    static String str(String optionsWithSingleQuotes) {
        return "'" + optionsWithSingleQuotes.replace("'", "\\'") + "'";
    }
}
