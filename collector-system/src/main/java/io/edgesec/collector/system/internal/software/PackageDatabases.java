package io.edgesec.collector.system.internal.software;

import io.edgesec.collector.system.internal.host.HostRoot;
import io.edgesec.collector.system.internal.host.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The package databases under a root: dpkg's {@code /var/lib/dpkg/status}, apk's
 * {@code /lib/apk/db/installed} (both read as files, so an image or SD card can be inspected),
 * and rpm's database through {@code rpm --root} where the rpm tool exists on this machine.
 */
public final class PackageDatabases {
    public static final String DPKG_STATUS = "/var/lib/dpkg/status";
    public static final String APK_INSTALLED = "/lib/apk/db/installed";
    private final HostRoot root;
    private final boolean useRpm;

    public PackageDatabases(HostRoot root, boolean useRpm) {
        this.root = root;
        this.useRpm = useRpm;
    }

    /** The result of reading every database present. */
    public record Inventory(List<InstalledPackage> packages, List<String> managers, List<String> problems) {
        public boolean hasDatabase() {
            return !managers.isEmpty();
        }
    }

    public Inventory read() {
        List<InstalledPackage> out = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            byte[] dpkg = root.readBytesOrNull(DPKG_STATUS);
            if (dpkg != null) {
                managers.add("dpkg");
                parseDpkgStatus(dpkg, out::add);
            }
        } catch (IOException e) {
            problems.add(DPKG_STATUS + ": " + e.getMessage());
        }
        try {
            byte[] apk = root.readBytesOrNull(APK_INSTALLED);
            if (apk != null) {
                managers.add("apk");
                parseApkInstalled(apk, out::add);
            }
        } catch (IOException e) {
            problems.add(APK_INSTALLED + ": " + e.getMessage());
        }
        // the database where the root's own rpm keeps it; the tool of this machine may default
        // elsewhere (Debian's rpm: ~/.rpmdb), so it is named explicitly
        String dbPath = root.exists("/usr/lib/sysimage/rpm/rpmdb.sqlite") || root.exists("/usr/lib/sysimage/rpm/Packages")
                ? "/usr/lib/sysimage/rpm" : root.exists("/var/lib/rpm") ? "/var/lib/rpm" : null;
        if (useRpm && dbPath != null) {
            String rpm = Tool.find("rpm");
            if (rpm == null) {
                problems.add("an rpm database is present but this machine has no rpm tool to read it");
            } else {
                try {
                    Tool.Result r = new Tool(List.of(), Duration.ofSeconds(30)).run(List.of(rpm, "--root", root.root().toString(),
                            "--dbpath", dbPath, "-qa", "--qf", "%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{ARCH}\\n"));
                    if (r.exitCode() == 0) {
                        managers.add("rpm");
                        r.stdout().lines().forEach(l -> {
                            String[] f = l.split("\t", -1);
                            if (f.length == 3) {
                                out.add(new InstalledPackage("rpm", f[0], f[1], f[2]));
                            }
                        });
                    } else {
                        problems.add("rpm -qa exited with " + r.exitCode() + ": " + r.stderr().strip());
                    }
                } catch (IOException e) {
                    problems.add("rpm: " + e.getMessage());
                }
            }
        }
        return new Inventory(out, managers, problems);
    }

    /**
     * dpkg status stanzas: only packages whose Status ends in "installed" (not config-files, not
     * half-installed).
     */
    static void parseDpkgStatus(byte[] db, Consumer<InstalledPackage> out) {
        forEachStanza(db, new String[] {"Package:", "Version:", "Architecture:", "Status:"}, v -> {
            if (v[0] != null && orEmpty(v[3]).endsWith(" installed")) {
                out.accept(new InstalledPackage("dpkg", v[0], orEmpty(v[1]), orEmpty(v[2])));
            }
        });
    }

    /** apk's installed database: stanzas of one-letter fields, P: name, V: version, A: architecture. */
    static void parseApkInstalled(byte[] db, Consumer<InstalledPackage> out) {
        forEachStanza(db, new String[] {"P:", "V:", "A:"}, v -> {
            if (v[0] != null) {
                out.accept(new InstalledPackage("apk", v[0], orEmpty(v[1]), orEmpty(v[2])));
            }
        });
    }

    /**
     * The stanzas of a database of {@code Key: value} lines, separated by empty lines (dpkg's and
     * apk's): for each, the values of {@code keys} (trimmed; null where the stanza has none, the
     * last where it has several), in the order of {@code keys}; the last stanza also when no
     * empty line ends it (a stanza of no key is handed over as all null).
     *
     * <p>Read from the bytes, only the values kept decoded as UTF-8 (as the whole text decoded
     * would give them: every line and key ends at an ASCII byte): three collectors read the
     * database at start-up, interpreted yet, and decoding a desktop-sized one (700 kB, some of its
     * descriptions not ASCII) and splitting it into lines took ~50 ms of CPU each time, ~6 ms so.
     */
    private static void forEachStanza(byte[] db, String[] keys, Consumer<String[]> stanza) {
        String text = new String(db, StandardCharsets.ISO_8859_1); // a char per byte: a copy, nothing decoded
        String[] values = new String[keys.length];
        for (int at = 0, n = text.length(); at <= n; ) {
            int end = lineEnd(text, at);
            if (end == at) {
                stanza.accept(values);
                Arrays.fill(values, null);
            } else {
                for (int k = 0; k < keys.length; k++) {
                    if (text.startsWith(keys[k], at)) {
                        values[k] = field(db, text, at + keys[k].length(), end);
                        break;
                    }
                }
            }
            at = end + 1;
        }
        stanza.accept(values); // the last stanza, unless an empty line ended it (then all null)
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The index of the newline that ends the line starting at {@code at}, or the text's length. */
    private static int lineEnd(String text, int at) {
        int nl = text.indexOf('\n', at);
        return nl < 0 ? text.length() : nl;
    }

    /**
     * Bytes {@code [from, to)} without leading and trailing white space (as {@link String#trim()}
     * of the decoded text: only ASCII bytes decode to chars up to a space), decoded as UTF-8.
     */
    private static String field(byte[] db, String latin1, int from, int to) {
        while (from < to && latin1.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && latin1.charAt(to - 1) <= ' ') {
            to--;
        }
        return new String(db, from, to - from, StandardCharsets.UTF_8);
    }
}
