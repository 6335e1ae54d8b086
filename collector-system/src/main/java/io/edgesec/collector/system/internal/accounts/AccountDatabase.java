package io.edgesec.collector.system.internal.accounts;

import io.edgesec.collector.system.internal.host.HostRoot;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The accounts of /etc/passwd with their groups from /etc/group and password states from
 * /etc/shadow. Malformed lines are skipped and reported; the hash is read only to classify it.
 */
public final class AccountDatabase {
    private AccountDatabase() {
    }

    /** @throws NoSuchFileException if there is no /etc/passwd */
    public static List<Account> read(HostRoot root, LocalDate today, Consumer<String> problems) throws IOException {
        String passwd = root.read("/etc/passwd");
        String group = root.readOrNull("/etc/group");
        String shadow = null;
        try {
            shadow = root.readOrNull("/etc/shadow");
            if (shadow == null) {
                problems.accept("/etc/shadow does not exist: password states are Unknown");
            }
        } catch (IOException e) {
            problems.accept("/etc/shadow cannot be read (" + e.getMessage() + "): password states are Unknown");
        }
        return parse(passwd, group == null ? "" : group, shadow, today, problems);
    }

    static List<Account> parse(String passwd, String group, String shadow, LocalDate today, Consumer<String> problems) {
        Map<Long, String> groupNames = new LinkedHashMap<>();
        Map<String, List<Long>> memberOf = new LinkedHashMap<>();
        int n = 0;
        for (String line : group.split("\n")) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            Long gid = f.length >= 3 ? parseId(f[2]) : null;
            if (gid == null) {
                problems.accept("/etc/group line " + n + " is malformed");
                continue;
            }
            groupNames.putIfAbsent(gid, f[0]);
            if (f.length >= 4 && !f[3].isBlank()) {
                for (String member : f[3].split(",")) {
                    memberOf.computeIfAbsent(member.trim(), k -> new ArrayList<>()).add(gid);
                }
            }
        }
        Map<String, PasswordState> states = new LinkedHashMap<>();
        if (shadow != null) {
            long todayDays = today.toEpochDay();
            for (String line : shadow.split("\n")) {
                String[] f = line.split(":", -1);
                if (f.length >= 2 && !line.startsWith("#")) {
                    states.put(f[0], state(f, todayDays));
                }
            }
        }
        List<Account> out = new ArrayList<>();
        n = 0;
        for (String line : passwd.split("\n")) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            Long uid = f.length == 7 ? parseId(f[2]) : null;
            Long gid = f.length == 7 ? parseId(f[3]) : null;
            if (uid == null || gid == null) {
                problems.accept("/etc/passwd line " + n + " is malformed");
                continue;
            }
            List<Long> ids = new ArrayList<>();
            ids.add(gid);
            for (Long g : memberOf.getOrDefault(f[0], List.of())) {
                if (!ids.contains(g)) {
                    ids.add(g);
                }
            }
            List<String> names = new ArrayList<>();
            for (Long g : ids) {
                names.add(groupNames.getOrDefault(g, Long.toString(g)));
            }
            PasswordState st;
            if (!"x".equals(f[1])) {
                // a hash (or an empty field) in passwd itself overrides shadow
                st = f[1].isEmpty() ? PasswordState.None : state(new String[] {f[0], f[1]}, today.toEpochDay());
            } else {
                st = states.getOrDefault(f[0], PasswordState.Unknown);
            }
            out.add(new Account(f[0], uid, gid, f[5], f[6], List.copyOf(ids), List.copyOf(names), st));
        }
        return out;
    }

    /** shadow fields: name, password, lastchg, min, max, warn, inactive, expire (days since 1970). */
    static PasswordState state(String[] f, long todayDays) {
        String pw = f[1];
        if (pw.isEmpty()) {
            return PasswordState.None;
        }
        if (pw.startsWith("!") || pw.startsWith("*")) {
            return PasswordState.Locked;
        }
        Long lastChange = f.length > 2 ? parseId(f[2]) : null;
        Long max = f.length > 4 ? parseId(f[4]) : null;
        Long expire = f.length > 7 ? parseId(f[7]) : null;
        if (lastChange != null && lastChange == 0) {
            return PasswordState.Expired; // the user must change it at next login
        }
        if (expire != null && expire <= todayDays) {
            return PasswordState.Expired;
        }
        if (lastChange != null && max != null && max < 99999 && lastChange + max < todayDays) {
            return PasswordState.Expired;
        }
        return PasswordState.Set;
    }

    private static Long parseId(String s) {
        if (s.isEmpty() || s.length() > 10) {
            return null;
        }
        try {
            long v = Long.parseLong(s);
            return v < 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
