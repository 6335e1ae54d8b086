package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-073: MQTT broker authorization on '#'. */
public final class Iote073BroadMqttAuthorization extends AbstractRule {
    public Iote073BroadMqttAuthorization() {
        super("IOTE-073", "BroadMqttAuthorization", MEDIUM, "Overly broad MQTT broker authorization",
                "An edgeHub MQTT broker rule allows operations on every topic (#), or lets every identity publish on $iothub/#.",
                "Authorize specific topics per identity.",
                "https://learn.microsoft.com/azure/iot-edge/how-to-publish-subscribe");
    }

    @Override
    public void check(RuleContext ctx) {
        JObject hub = ctx.manifest().hubDesired();
        JsonNode auths = hub == null ? null : hub.path("mqttBroker", "authorizations");
        if (auths == null || auths.asArray() == null) {
            return;
        }
        for (JsonNode a : auths.asArray().items()) {
            JObject ao = a.asObject();
            if (ao == null) {
                continue;
            }
            boolean everyone = Checks.strings(ao, "identities").stream().anyMatch(i -> i.asString().contains("{{iot:identity}}"));
            JArray allow = ao.getArray("allow");
            if (allow == null) {
                continue;
            }
            for (JsonNode al : allow.items()) {
                JObject alo = al.asObject();
                if (alo == null) {
                    continue;
                }
                boolean publish = Checks.strings(alo, "operations").stream().anyMatch(o -> o.asString().equalsIgnoreCase("mqtt:publish"));
                for (JsonNode r : Checks.strings(alo, "resources")) {
                    String res = r.asString().trim();
                    if (res.equals("#") || (everyone && publish && res.equals("$iothub/#"))) {
                        ctx.report(this, null, r, "MQTT broker authorization allows " + Checks.strings(alo, "operations").stream().map(JsonNode::asString).toList()
                                + " on '" + res + "'" + (everyone ? " for every identity." : "."));
                    }
                }
            }
        }
    }
}
