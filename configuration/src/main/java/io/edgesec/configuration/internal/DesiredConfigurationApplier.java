package io.edgesec.configuration.internal;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.config.ApplyResult;
import io.edgesec.api.config.ConfigurationApplier;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.ReportedSecret;
import io.edgesec.support.json.JsonText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
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
@Component(service = {ConfigurationApplier.class, TriggeredCollector.class},
        configurationPid = DevicePolicyConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@CollectorName("configuration")
@Designate(ocd = DevicePolicyConfig.class)
public class DesiredConfigurationApplier implements ConfigurationApplier, TriggeredCollector {
    private static final Logger LOG = Logger.getLogger(DesiredConfigurationApplier.class.getName());
    /** The source name of remote configuration (the module twin): held to the device policy. */
    public static final String REMOTE_SOURCE = "twin";
    /**
     * What {@link #effective()} shows instead of the value of a {@link AttributeDefinition#PASSWORD}
     * attribute that is set: reported properties are readable by many, and a secret must not leave
     * the device. Applying this marker back to such an attribute keeps its current value.
     */
    public static final String NOT_REPORTED = ReportedSecret.NOT_REPORTED;
    private final ConfigurationAdmin configAdmin;
    private final MetatypeLookup metatypes;
    private final StoredConfiguration stored;
    private final EffectiveConfiguration effective;
    private volatile EventSink sink;
    private volatile DevicePolicy policy;
    private final List<SecurityEvent> pending = new ArrayList<>();

    @Activate
    public DesiredConfigurationApplier(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference MetaTypeService metaType, DevicePolicyConfig policy) {
        this(context, configAdmin, metaType, DevicePolicy.of(policy));
    }

    /** With the built-in device policy. */
    DesiredConfigurationApplier(BundleContext context, ConfigurationAdmin configAdmin, MetaTypeService metaType) {
        this(context, configAdmin, metaType, DevicePolicy.defaults());
    }

    private DesiredConfigurationApplier(BundleContext context, ConfigurationAdmin configAdmin, MetaTypeService metaType,
            DevicePolicy policy) {
        this.configAdmin = configAdmin;
        this.metatypes = new MetatypeLookup(context, metaType);
        this.stored = new StoredConfiguration(configAdmin, metatypes);
        this.effective = new EffectiveConfiguration(stored);
        this.policy = policy;
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
        Map<String, Map<String, Object>> incoming = TwinSections.read(document, errors); // pid -> key -> JSON value (null = default)
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> pid : incoming.entrySet()) {
            ObjectClassDefinition ocd = stored.definition(pid.getKey());
            if (ocd == null) {
                errors.add(pid.getKey() + ": no installed bundle declares this configuration");
                continue;
            }
            Map<String, AttributeDefinition> ads = StoredConfiguration.attributes(ocd);
            Map<String, Object> values = stored.current(pid.getKey(), ads);
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

    @Override
    public Map<String, Object> effective() {
        return effective.document(metatypes.pids());
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
