package io.edgesec.collector.system.internal.software;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import io.edgesec.collector.system.internal.host.HostRoot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * SoftwareInventory (edgesec's own kind): one payload item per installed package and per loaded
 * kernel module, then one item per change since the previous snapshot (Added, Removed,
 * VersionChanged), so a back end can match vulnerabilities and see what was installed when.
 */
@Component(configurationPid = SoftwareInventoryConfig.PID)
@CollectorName(SoftwareInventoryCollector.NAME)
@Designate(ocd = SoftwareInventoryConfig.class)
public class SoftwareInventoryCollector implements PeriodicCollector {
    static final String NAME = "software-inventory";
    private final HostRoot root;
    private final PackageDatabases databases;
    /** key -> version of the previous snapshot; null before the first */
    private Map<String, String[]> previous;

    @Activate
    public SoftwareInventoryCollector(SoftwareInventoryConfig config) {
        this(HostRoot.of(config.hostRoot()), config.rpm());
    }

    public SoftwareInventoryCollector(HostRoot root, boolean rpm) {
        this.root = root;
        this.databases = new PackageDatabases(root, rpm);
    }

    @Override
    public synchronized List<SecurityEvent> collect() throws IOException {
        List<SecurityEvent> out = new ArrayList<>();
        PackageDatabases.Inventory inv = databases.read();
        for (String p : inv.problems()) {
            out.add(CollectorStatus.of(NAME, "SourceUnreadable", Severity.WARNING, p));
        }
        if (!inv.hasDatabase() && inv.problems().isEmpty()) {
            out.add(CollectorStatus.of(NAME, "SourceUnavailable", Severity.INFORMATION,
                    "no package database (dpkg, apk, rpm) under " + root.root()));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, String[]> now = new LinkedHashMap<>();
        for (InstalledPackage p : inv.packages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Kind", "Package");
            m.put("Manager", p.manager());
            m.put("Name", p.name());
            m.put("Version", p.version());
            m.put("Architecture", p.architecture().isEmpty() ? null : p.architecture());
            items.add(m);
            now.put(p.key(), new String[] {"Package", p.manager(), p.name(), p.version()});
        }
        List<KernelModules.Module> modules = KernelModules.read(root);
        if (modules != null) {
            for (KernelModules.Module k : modules) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Kind", "KernelModule");
                m.put("Name", k.name());
                m.put("Size", k.size());
                m.put("State", k.state());
                items.add(m);
                now.put("module:" + k.name(), new String[] {"KernelModule", "kernel", k.name(), ""});
            }
        }
        if (previous != null) {
            items.addAll(changes(previous, now));
        }
        previous = now;
        out.add(0, SecurityEvent.builder(EventNames.SOFTWARE_INVENTORY).category(EventCategory.PERIODIC)
                .timestamp(Instant.now()).payloads(items).build());
        return out;
    }

    static List<Map<String, Object>> changes(Map<String, String[]> before, Map<String, String[]> after) {
        List<Map<String, Object>> out = new ArrayList<>();
        after.forEach((key, v) -> {
            String[] old = before.get(key);
            if (old == null) {
                out.add(change("Added", v, null));
            } else if (!old[3].equals(v[3])) {
                out.add(change("VersionChanged", v, old[3]));
            }
        });
        before.forEach((key, v) -> {
            if (!after.containsKey(key)) {
                out.add(change("Removed", v, null));
            }
        });
        return out;
    }

    private static Map<String, Object> change(String change, String[] v, String previousVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Kind", v[0] + "Change");
        m.put("Change", change);
        m.put("Manager", v[1]);
        m.put("Name", v[2]);
        m.put("Version", v[3].isEmpty() ? null : v[3]);
        m.put("PreviousVersion", previousVersion);
        return m;
    }
}
