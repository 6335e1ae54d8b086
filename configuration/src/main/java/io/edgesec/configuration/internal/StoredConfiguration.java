package io.edgesec.configuration.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A PID's configuration as ConfigAdmin holds it, seen through the metatype the installed bundles
 * declare for it: its attribute definitions, and its values over their defaults.
 */
final class StoredConfiguration {
    private static final Logger LOG = Logger.getLogger(StoredConfiguration.class.getName());

    private final ConfigurationAdmin configAdmin;
    private final MetatypeLookup metatypes;

    StoredConfiguration(ConfigurationAdmin configAdmin, MetatypeLookup metatypes) {
        this.configAdmin = configAdmin;
        this.metatypes = metatypes;
    }

    ConfigurationAdmin configAdmin() {
        return configAdmin;
    }

    /** @return the definition, or null if no installed bundle declares the PID */
    ObjectClassDefinition definition(String pid) {
        return metatypes.find(pid);
    }

    /** The attribute definitions of a PID by id; empty if no installed bundle declares it. */
    Map<String, AttributeDefinition> attributes(String pid) {
        return attributes(metatypes.find(pid));
    }

    /** The attribute definitions by id; empty for none. */
    static Map<String, AttributeDefinition> attributes(ObjectClassDefinition ocd) {
        Map<String, AttributeDefinition> ads = new LinkedHashMap<>();
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

    /** Defaults of every attribute, overlaid with what ConfigAdmin holds now. */
    Map<String, Object> current(String pid, Map<String, AttributeDefinition> ads) {
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
}
