package io.edgesec.configuration.internal;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.config.ApplyResult;
import io.edgesec.api.config.ConfigurationApplier;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.json.JsonText;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Applies twin-shaped configuration documents to ConfigAdmin, as Eclipse Kura applies remote
 * configuration: validate every value against the component's metatype first, merge over the
 * metatype defaults and the current configuration, then update, all or nothing. Rejections are
 * also reported as ConfigurationError events (it is a triggered collector for that reason).
 */
@Component(service = {ConfigurationApplier.class, TriggeredCollector.class}, property = Collector.NAME + "=configuration",
        configurationPid = DevicePolicyConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DevicePolicyConfig.class)
public class DesiredConfigurationApplier implements ConfigurationApplier, TriggeredCollector {
    private static final Logger LOG = Logger.getLogger(DesiredConfigurationApplier.class.getName());
    /** The source name of remote configuration (the module twin): held to the device policy. */
    public static final String REMOTE_SOURCE = "twin";
    private final ConfigurationAdmin configAdmin;
    private final MetatypeLookup metatypes;
    private volatile EventSink sink;
    private volatile DevicePolicy policy;
    private final List<SecurityEvent> pending = new ArrayList<>();

    @Activate
    public DesiredConfigurationApplier(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference MetaTypeService metaType, DevicePolicyConfig policy) {
        this.configAdmin = configAdmin;
        this.metatypes = new MetatypeLookup(context, metaType);
        this.policy = DevicePolicy.of(policy);
    }

    /** With the built-in device policy. */
    DesiredConfigurationApplier(BundleContext context, ConfigurationAdmin configAdmin, MetaTypeService metaType) {
        this.configAdmin = configAdmin;
        this.metatypes = new MetatypeLookup(context, metaType);
        this.policy = DevicePolicy.defaults();
    }

    /** The local configuration changed the device policy (no re-activation: the twin connection stays). */
    @Modified
    void modified(DevicePolicyConfig config) {
        policy = DevicePolicy.of(config);
    }

    @Override
    public synchronized ApplyResult apply(Map<String, Object> document, String source) {
        boolean remote = REMOTE_SOURCE.equals(source);
        DevicePolicy devicePolicy = policy;
        List<String> errors = new ArrayList<>();
        Map<String, Map<String, Object>> incoming = new LinkedHashMap<>(); // pid -> key -> JSON value (null = default)
        for (Map.Entry<String, Object> section : document.entrySet()) {
            switch (section.getKey()) {
                case AZURE_SECTION -> readAzureSection(section.getValue(), incoming, errors);
                case EDGESEC_SECTION -> readEdgesecSection(section.getValue(), incoming, errors);
                default -> {
                    // other twin content ($version, other modules' settings) is not ours
                }
            }
        }
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> pid : incoming.entrySet()) {
            ObjectClassDefinition ocd = metatypes.find(pid.getKey());
            if (ocd == null) {
                errors.add(pid.getKey() + ": no installed bundle declares this configuration");
                continue;
            }
            Map<String, AttributeDefinition> ads = new LinkedHashMap<>();
            for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                ads.put(ad.getID(), ad);
            }
            Map<String, Object> values = current(pid.getKey(), ads);
            for (Map.Entry<String, Object> kv : pid.getValue().entrySet()) {
                AttributeDefinition ad = ads.get(kv.getKey());
                if (ad == null) {
                    errors.add(pid.getKey() + "/" + kv.getKey() + ": unknown setting");
                    continue;
                }
                if (ad.getType() == AttributeDefinition.PASSWORD && NOT_REPORTED.equals(kv.getValue())) {
                    continue; // what effective() shows for a set secret: applying it back keeps the secret
                }
                boolean policy = remote && (devicePolicy.isLocalOnly(pid.getKey(), kv.getKey()) || !devicePolicy.twinMayConfigure(pid.getKey()));
                if (policy && kv.getValue() == null) {
                    continue; // null from the twin on a device-policy setting: no opinion (the local value stays)
                }
                try {
                    Object value = kv.getValue() == null ? ValueConverter.defaultValue(ad) : ValueConverter.convert(ad, kv.getValue());
                    if (remote && !Objects.deepEquals(values.get(kv.getKey()), value)) {
                        if (devicePolicy.isLocalOnly(pid.getKey(), kv.getKey())) {
                            errors.add(pid.getKey() + "/" + kv.getKey() + ": device policy: set only in the device's local "
                                    + "configuration, never by the twin (" + DevicePolicyConfig.PID + "/localOnly)");
                            continue;
                        }
                        if (!devicePolicy.twinMayConfigure(pid.getKey())) {
                            errors.add(pid.getKey() + "/" + kv.getKey() + ": device policy: the twin may not configure "
                                    + pid.getKey() + " (" + DevicePolicyConfig.PID + "/twinPids)");
                            continue;
                        }
                    }
                    values.put(kv.getKey(), value);
                } catch (IllegalArgumentException e) {
                    errors.add(pid.getKey() + "/" + kv.getKey() + ": " + e.getMessage());
                }
            }
            merged.put(pid.getKey(), values);
        }
        if (!errors.isEmpty()) {
            errors.replaceAll(Texts::cut); // a rejected 1 MB value is not echoed whole
            LOG.warning("configuration from " + source + " rejected, nothing changed: " + Texts.first(errors));
            report(errors, source);
            return new ApplyResult(errors, Map.of());
        }
        Map<String, Map<String, Object>> applied = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> pid : merged.entrySet()) {
            try {
                Configuration c = configAdmin.getConfiguration(pid.getKey(), "?");
                Hashtable<String, Object> dict = new Hashtable<>();
                pid.getValue().forEach((k, v) -> {
                    if (v != null) {
                        dict.put(k, v);
                    }
                });
                if (c.updateIfDifferent(dict)) {
                    applied.put(pid.getKey(), pid.getValue());
                }
            } catch (IOException e) {
                errors.add(pid.getKey() + ": could not be stored: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            report(errors, source);
        }
        return new ApplyResult(errors, applied);
    }

    private static void readAzureSection(Object section, Map<String, Map<String, Object>> incoming, List<String> errors) {
        if (section == null) {
            return; // whole object removed: leave as is
        }
        if (!(section instanceof Map<?, ?> map)) {
            errors.add(AZURE_SECTION + ": expected an object");
            return;
        }
        Map<String, Object> target = incoming.computeIfAbsent(AzureKeys.AGGREGATOR_PID, k -> new LinkedHashMap<>());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.startsWith("$")) {
                continue; // twin metadata such as $version
            }
            if (!AzureKeys.KEYS.contains(key)) {
                errors.add(AZURE_SECTION + "/" + key + ": unknown setting");
                continue;
            }
            Object v = e.getValue();
            // PnP style {"value": x}; a bare value is accepted too (local files)
            if (v instanceof Map<?, ?> wrapper) {
                if (!wrapper.containsKey("value")) {
                    errors.add(AZURE_SECTION + "/" + key + ": expected {\"value\": ...}");
                    continue;
                }
                v = wrapper.get("value");
            }
            target.put(key, v); // null: back to the default (as the Azure agents treated null)
        }
    }

    private static void readEdgesecSection(Object section, Map<String, Map<String, Object>> incoming, List<String> errors) {
        if (section == null) {
            return;
        }
        if (!(section instanceof Map<?, ?> map)) {
            errors.add(EDGESEC_SECTION + ": expected an object of PID to properties");
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String pid = String.valueOf(e.getKey());
            if (pid.startsWith("$") || "bundles".equals(pid)) {
                continue; // twin metadata; the bundle list is the bundle manager's
            }
            if (!(e.getValue() instanceof Map<?, ?> props)) {
                errors.add(EDGESEC_SECTION + "/" + pid + ": expected an object of properties");
                continue;
            }
            Map<String, Object> target = incoming.computeIfAbsent(pid, k -> new LinkedHashMap<>());
            props.forEach((k, v) -> target.put(String.valueOf(k), v));
        }
    }

    /** Defaults of every attribute, overlaid with what ConfigAdmin holds now. */
    private Map<String, Object> current(String pid, Map<String, AttributeDefinition> ads) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (AttributeDefinition ad : ads.values()) {
            Object d = ValueConverter.defaultValue(ad);
            if (d != null) {
                values.put(ad.getID(), d);
            }
        }
        try {
            Configuration c = configAdmin.getConfiguration(pid, "?");
            Dictionary<String, Object> props = c.getProperties();
            if (props != null) {
                for (Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
                    String k = keys.nextElement();
                    if (ads.containsKey(k)) {
                        values.put(k, props.get(k));
                    }
                }
            }
        } catch (IOException e) {
            LOG.warning("reading configuration " + pid + ": " + e.getMessage());
        }
        return values;
    }

    /**
     * What {@link #effective()} shows instead of the value of a {@link AttributeDefinition#PASSWORD}
     * attribute that is set: reported properties are readable by many, and a secret must not leave
     * the device. Applying this marker back to such an attribute keeps its current value.
     */
    public static final String NOT_REPORTED = "(set, not reported)";

    @Override
    public Map<String, Object> effective() {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> azure = new TreeMap<>();
        ObjectClassDefinition aggregator = metatypes.find(AzureKeys.AGGREGATOR_PID);
        Map<String, Object> edgesec = new TreeMap<>();
        if (aggregator != null) {
            Map<String, AttributeDefinition> ads = new LinkedHashMap<>();
            for (AttributeDefinition ad : aggregator.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                ads.put(ad.getID(), ad);
            }
            Map<String, Object> values = current(AzureKeys.AGGREGATOR_PID, ads);
            values.forEach((k, v) -> {
                if (AzureKeys.KEYS.contains(k)) {
                    azure.put(k, Map.of("value", reportable(ads.get(k), v)));
                }
            });
        }
        // every io.edgesec configuration a bundle declares, with its defaults where nothing is
        // set (the collectors' too, though most run on their defaults)
        for (String pid : metatypes.pids()) {
            if (!pid.startsWith("io.edgesec.")) {
                continue; // the framework's own (Felix SCR, ...) are not the agent's configuration
            }
            try {
                Map<String, AttributeDefinition> ads = attributes(pid);
                Map<String, Object> props = new TreeMap<>();
                current(pid, ads).forEach((k, v) -> {
                    if (!AzureKeys.KEYS.contains(k)) {
                        props.put(k, reportable(ads.get(k), v));
                    }
                });
                edgesec.put(pid, props);
            } catch (RuntimeException e) {
                // one bundle's odd metatype (a default its own validation refuses) must not hide the rest
                LOG.warning("the configuration " + pid + " cannot be reported: " + Texts.cut(String.valueOf(e.getMessage())));
            }
        }
        try {
            Configuration[] all = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=io.edgesec.*)");
            if (all != null) {
                for (Configuration c : all) {
                    Map<String, Object> props = new TreeMap<>();
                    Dictionary<String, Object> d = c.getProperties();
                    if (d == null) {
                        continue; // created but never updated: nothing effective yet
                    }
                    Map<String, AttributeDefinition> ads = attributes(c.getPid());
                    for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
                        String k = keys.nextElement();
                        if (!k.startsWith("service.") && !k.startsWith("felix.") && !AzureKeys.KEYS.contains(k)) {
                            props.put(k, reportable(ads.get(k), d.get(k)));
                        }
                    }
                    edgesec.put(c.getPid(), props);
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warning("listing configurations: " + e.getMessage());
        }
        doc.put(AZURE_SECTION, azure);
        doc.put(EDGESEC_SECTION, edgesec);
        return doc;
    }

    /** The attribute definitions of a PID by id; empty if no installed bundle declares it. */
    private Map<String, AttributeDefinition> attributes(String pid) {
        Map<String, AttributeDefinition> ads = new LinkedHashMap<>();
        ObjectClassDefinition ocd = metatypes.find(pid);
        if (ocd != null) {
            AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            if (all != null) {
                for (AttributeDefinition ad : all) {
                    ads.put(ad.getID(), ad);
                }
            }
        }
        return ads;
    }

    /** A value as reported: a set PASSWORD attribute as {@link #NOT_REPORTED}, never its value. */
    static Object reportable(AttributeDefinition ad, Object v) {
        if (ad != null && ad.getType() == AttributeDefinition.PASSWORD) {
            return isEmpty(v) ? jsonValue(v) : NOT_REPORTED;
        }
        return jsonValue(v);
    }

    private static boolean isEmpty(Object v) {
        if (v == null || "".equals(v)) {
            return true;
        }
        if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                if (!isEmpty(Array.get(v, i))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static Object jsonValue(Object v) {
        if (v != null && v.getClass().isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                l.add(Array.get(v, i));
            }
            return l;
        }
        return v;
    }

    /**
     * One ConfigurationError event for one rejected document, however many errors it had: one
     * error as it is; several as the first {@link Texts#ERRORS} and their count (10,000 unknown
     * keys must not become 10,000 events that crowd out everything else).
     */
    private void report(List<String> errors, String source) {
        String error = errors.get(0);
        int colon = error.indexOf(": ");
        String name = colon > 0 ? error.substring(0, colon) : error;
        String message = colon > 0 ? error.substring(colon + 2) : error;
        if (errors.size() > 1) {
            name = name + " and " + (errors.size() - 1) + " more";
            message = Texts.first(errors);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ConfigurationName", Texts.cut(name));
        p.put("ErrorType", "TypeMismatch");
        p.put("UsedConfiguration", JsonText.write(Map.of("source", Texts.cut(source), "kept", "previous configuration")));
        p.put("Message", message);
        SecurityEvent e = SecurityEvent.builder(EventNames.CONFIGURATION_ERROR).type(EventType.OPERATIONAL).payload(p).build();
        EventSink s;
        synchronized (pending) {
            s = sink; // read under the lock open() holds, or an error could be parked after open() drained
            if (s == null) {
                pending.add(e); // errors from before the aggregator took us: sent when it does
                return;
            }
        }
        s.submit(e);
    }

    @Override
    public void open(EventSink eventSink) {
        synchronized (pending) {
            this.sink = eventSink;
            pending.forEach(eventSink::submit);
            pending.clear();
        }
    }

    @Override
    public void close() {
        sink = null;
    }
}
