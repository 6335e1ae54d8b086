package io.edgesec.configuration.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Just enough of ConfigurationAdmin, MetaType and the framework for the applier, in memory.
 * (Real Felix is exercised by the integration tests.)
 */
final class InMemoryOsgi {
    /** pid to attribute definitions, as the bundles' metatype declares them. */
    final Map<String, List<AttributeDefinition>> metatypes = new LinkedHashMap<>();
    /** pid to stored properties (null until the first update). */
    final Map<String, Hashtable<String, Object>> store = new LinkedHashMap<>();
    int updates;

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler h) {
        return (T) Proxy.newProxyInstance(InMemoryOsgi.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            switch (m.getName()) {
                case "hashCode":
                    return System.identityHashCode(p);
                case "equals":
                    return p == a[0];
                case "toString":
                    return type.getSimpleName() + " (in memory)";
                default:
                    return h.invoke(p, m, a);
            }
        });
    }

    BundleContext context() {
        Bundle bundle = proxy(Bundle.class, (p, m, a) -> {
            if (m.getName().equals("getState")) {
                return Bundle.ACTIVE;
            }
            if (m.getName().equals("getEntry")) {
                return null; // no metatype file named after a PID: every lookup asks every bundle
            }
            throw new UnsupportedOperationException(m.getName());
        });
        return proxy(BundleContext.class, (p, m, a) -> {
            if (m.getName().equals("getBundles")) {
                return new Bundle[] {bundle};
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    MetaTypeService metaType() {
        return proxy(MetaTypeService.class, (p, m, a) -> {
            if (!m.getName().equals("getMetaTypeInformation")) {
                throw new UnsupportedOperationException(m.getName());
            }
            return proxy(MetaTypeInformation.class, (p2, m2, a2) -> switch (m2.getName()) {
                case "getPids" -> metatypes.keySet().toArray(new String[0]);
                case "getFactoryPids" -> new String[0];
                case "getObjectClassDefinition" -> ocd((String) a2[0]);
                default -> throw new UnsupportedOperationException(m2.getName());
            });
        });
    }

    private ObjectClassDefinition ocd(String pid) {
        List<AttributeDefinition> ads = metatypes.get(pid);
        if (ads == null) {
            return null;
        }
        return proxy(ObjectClassDefinition.class, (p, m, a) -> switch (m.getName()) {
            case "getID", "getName" -> pid;
            case "getAttributeDefinitions" -> (int) a[0] == ObjectClassDefinition.ALL || (int) a[0] == ObjectClassDefinition.REQUIRED
                    ? ads.toArray(new AttributeDefinition[0]) : new AttributeDefinition[0];
            default -> null;
        });
    }

    ConfigurationAdmin configAdmin() {
        return proxy(ConfigurationAdmin.class, (p, m, a) -> switch (m.getName()) {
            case "getConfiguration" -> configuration((String) a[0]);
            case "listConfigurations" -> {
                List<Configuration> out = new ArrayList<>();
                store.forEach((pid, props) -> {
                    if (props != null) {
                        out.add(configuration(pid));
                    }
                });
                yield out.isEmpty() ? null : out.toArray(new Configuration[0]);
            }
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    private Configuration configuration(String pid) {
        return proxy(Configuration.class, (p, m, a) -> switch (m.getName()) {
            case "getPid" -> pid;
            case "getProperties" -> {
                Hashtable<String, Object> props = store.get(pid);
                if (props == null) {
                    yield null;
                }
                Hashtable<String, Object> copy = new Hashtable<>(props);
                copy.put("service.pid", pid);
                yield copy;
            }
            case "updateIfDifferent" -> {
                Hashtable<String, Object> incoming = toTable((Dictionary<String, Object>) a[0]);
                Hashtable<String, Object> old = store.get(pid);
                if (old != null && sameValues(old, incoming)) {
                    yield false;
                }
                store.put(pid, incoming);
                updates++;
                yield true;
            }
            case "update" -> {
                store.put(pid, toTable((Dictionary<String, Object>) a[0]));
                updates++;
                yield null;
            }
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    private static Hashtable<String, Object> toTable(Dictionary<String, Object> d) {
        Hashtable<String, Object> t = new Hashtable<>();
        for (Enumeration<String> k = d.keys(); k.hasMoreElements();) {
            String key = k.nextElement();
            if (!key.equals("service.pid")) {
                t.put(key, d.get(key));
            }
        }
        return t;
    }

    private static boolean sameValues(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            Object x = a.get(k);
            Object y = b.get(k);
            if (x != null && x.getClass().isArray() && y != null && y.getClass().isArray()) {
                if (!java.util.Arrays.deepEquals(new Object[] {x}, new Object[] {y})) {
                    return false;
                }
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }
}
