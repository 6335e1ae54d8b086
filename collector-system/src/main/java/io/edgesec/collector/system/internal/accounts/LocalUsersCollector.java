package io.edgesec.collector.system.internal.accounts;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import io.edgesec.collector.system.internal.host.HostRoot;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * LocalUsers in the Azure shape (UserName, UserId, GroupIds and GroupNames joined with ';') plus
 * shell, home and password state in ExtraDetails; from the second snapshot on, a LocalUsersChange
 * event lists accounts added, removed, whose groups changed, or that gained UID 0.
 *
 * <p>Its package is named to sort first: bnd lists the bundle's components in the manifest in
 * class-name order, SCR registers them in that order, and the aggregator, which runs the first
 * snapshots one at a time until the first message is out, runs this one first: its High event
 * sends the first message (bench/RESULTS.md, startup-lowfirst).
 */
@Component(configurationPid = LocalUsersConfig.PID)
@CollectorName(LocalUsersCollector.NAME)
@Designate(ocd = LocalUsersConfig.class)
public class LocalUsersCollector implements PeriodicCollector {
    static final String NAME = "local-users";
    private final HostRoot root;
    private Map<String, Account> previous;

    @Activate
    public LocalUsersCollector(LocalUsersConfig config) {
        this(HostRoot.of(config.hostRoot()));
    }

    public LocalUsersCollector(HostRoot root) {
        this.root = root;
    }

    @Override
    public synchronized List<SecurityEvent> collect() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Account> accounts;
        try {
            accounts = AccountDatabase.read(root, LocalDate.now(ZoneOffset.UTC), problems::add);
        } catch (NoSuchFileException e) {
            return List.of(CollectorStatus.of(NAME, "SourceUnavailable", Severity.ERROR, "no /etc/passwd under " + root.root()));
        }
        List<SecurityEvent> out = new ArrayList<>();
        SecurityEvent.Builder b = SecurityEvent.builder(EventNames.LOCAL_USERS).category(EventCategory.PERIODIC).timestamp(Instant.now());
        Map<String, Account> now = new LinkedHashMap<>();
        for (Account a : accounts) {
            b.payload(payload(a));
            now.putIfAbsent(a.name(), a);
        }
        out.add(b.build());
        if (previous != null) {
            List<Map<String, Object>> changes = changes(previous, now);
            if (!changes.isEmpty()) {
                out.add(SecurityEvent.builder(EventNames.LOCAL_USERS_CHANGE).category(EventCategory.TRIGGERED)
                        .timestamp(Instant.now()).payloads(changes).build());
            }
        }
        previous = now;
        if (!problems.isEmpty()) {
            out.add(CollectorStatus.of(NAME, "ParseError", Severity.WARNING, String.join("; ", problems)));
        }
        return out;
    }

    static Map<String, Object> payload(Account a) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("UserName", a.name());
        p.put("UserId", Long.toString(a.uid()));
        StringJoiner ids = new StringJoiner(";");
        a.groupIds().forEach(g -> ids.add(g.toString()));
        p.put("GroupIds", ids.toString());
        p.put("GroupNames", String.join(";", a.groupNames()));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("PrimaryGroupId", Long.toString(a.gid()));
        extra.put("Home", a.home());
        extra.put("Shell", a.shell());
        extra.put("PasswordState", a.passwordState().name());
        p.put("ExtraDetails", extra);
        return p;
    }

    static List<Map<String, Object>> changes(Map<String, Account> before, Map<String, Account> after) {
        List<Map<String, Object>> out = new ArrayList<>();
        after.forEach((name, a) -> {
            Account old = before.get(name);
            if (old == null) {
                out.add(change("Added", a, null));
                if (a.uid() == 0) {
                    out.add(change("Uid0", a, null));
                }
                return;
            }
            if (!old.groupNames().equals(a.groupNames())) {
                out.add(change("GroupsChanged", a, String.join(";", old.groupNames())));
            }
            if (old.uid() != a.uid()) {
                out.add(change(a.uid() == 0 ? "Uid0" : "UidChanged", a, Long.toString(old.uid())));
            }
            if (old.passwordState() != a.passwordState()) {
                out.add(change("PasswordStateChanged", a, old.passwordState().name()));
            }
        });
        before.forEach((name, a) -> {
            if (!after.containsKey(name)) {
                out.add(change("Removed", a, null));
            }
        });
        return out;
    }

    private static Map<String, Object> change(String kind, Account a, String previous) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Change", kind);
        p.put("UserName", a.name());
        p.put("UserId", Long.toString(a.uid()));
        p.put("GroupNames", String.join(";", a.groupNames()));
        p.put("PasswordState", a.passwordState().name());
        p.put("PreviousValue", previous);
        return p;
    }
}
