package io.edgesec.configuration.internal;

import static io.edgesec.api.config.ConfigurationApplier.AZURE_SECTION;
import static io.edgesec.api.config.ConfigurationApplier.EDGESEC_SECTION;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The effective configuration as a twin-shaped document (the twin's reported properties): the
 * Azure section from the aggregator's settings, and every io.edgesec configuration a bundle
 * declares or ConfigAdmin holds. A set secret ({@link AttributeDefinition#PASSWORD}) is shown as
 * {@link DesiredConfigurationApplier#NOT_REPORTED}, never its value.
 */
final class EffectiveConfiguration {
    private static final Logger LOG = Logger.getLogger(EffectiveConfiguration.class.getName());

    private final StoredConfiguration stored;

    EffectiveConfiguration(StoredConfiguration stored) {
        this.stored = stored;
    }

    Map<String, Object> document(Iterable<String> declaredPids) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> azure = new TreeMap<>();
        Map<String, Object> edgesec = new TreeMap<>();
        ObjectClassDefinition aggregator = stored.definition(AzureKeys.AGGREGATOR_PID);
        if (aggregator != null) {
            Map<String, AttributeDefinition> ads = StoredConfiguration.attributes(aggregator);
            Map<String, Object> values = stored.current(AzureKeys.AGGREGATOR_PID, ads);
            values.forEach((k, v) -> {
                if (AzureKeys.KEYS.contains(k)) {
                    azure.put(k, Map.of("value", reportable(ads.get(k), v)));
                }
            });
        }
        // every io.edgesec configuration a bundle declares, with its defaults where nothing is
        // set (the collectors' too, though most run on their defaults)
        for (String pid : declaredPids) {
            if (!pid.startsWith("io.edgesec.")) {
                continue; // the framework's own (Felix SCR, ...) are not the agent's configuration
            }
            try {
                Map<String, AttributeDefinition> ads = stored.attributes(pid);
                Map<String, Object> props = new TreeMap<>();
                stored.current(pid, ads).forEach((k, v) -> {
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
            Configuration[] all = stored.configAdmin().listConfigurations("(" + Constants.SERVICE_PID + "=io.edgesec.*)");
            if (all != null) {
                for (Configuration c : all) {
                    Map<String, Object> props = new TreeMap<>();
                    Dictionary<String, Object> d = c.getProperties();
                    if (d == null) {
                        continue; // created but never updated: nothing effective yet
                    }
                    Map<String, AttributeDefinition> ads = stored.attributes(c.getPid());
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

    /** A value as reported: a set PASSWORD attribute as NOT_REPORTED, never its value. */
    static Object reportable(AttributeDefinition ad, Object v) {
        if (ad != null && ad.getType() == AttributeDefinition.PASSWORD) {
            return isEmpty(v) ? jsonValue(v) : DesiredConfigurationApplier.NOT_REPORTED;
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
}
