package io.edgesec.collector.system.internal.baseline;

import io.edgesec.collector.system.internal.host.HostRoot;
import io.edgesec.collector.system.internal.host.OsRelease;
import io.edgesec.collector.system.internal.software.InstalledPackage;
import io.edgesec.collector.system.internal.software.PackageDatabases;
import io.edgesec.support.UserNames;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs checks against one root file system. Reads only files (no tool runs), so it works the
 * same over the live device, a container's {@code /host} and an image or SD card; the facts it
 * needs more than once (os-release, package databases, user and group names, sshd settings)
 * are read once per evaluator.
 */
public final class CheckEvaluator {
    private final HostRoot root;
    private final OsRelease os;
    private PackageDatabases.Inventory packages;
    private Map<Long, String> userNames;
    private Map<Long, String> groupNames;
    private Map<String, String> sshd;
    private String sshdError;

    public CheckEvaluator(HostRoot root) {
        this.root = root;
        this.os = OsRelease.read(root);
    }

    /** @return the result, or null when the check's distro condition excludes this system */
    public CheckResult evaluate(Check c) {
        if (!DistroCondition.matches(c.distro(), os)) {
            return null;
        }
        try {
            String failure = switch (c.type()) {
                case "fileStats" -> fileStats(c);
                case "fileExists" -> root.exists(c.string("path")) ? null : "File '" + c.string("path") + "' does not exist";
                case "matchingLines" -> matchingLines(c);
                case "noMatchingLines" -> noMatchingLines(c);
                case "matchingLinesInDir" -> matchingLinesInDir(c);
                case "sysctl" -> sysctl(c);
                case "packageInstalled" -> packageCheck(c, true);
                case "packageNotInstalled" -> packageCheck(c, false);
                case "serviceEnabled" -> service(c, "enabled");
                case "serviceDisabled" -> service(c, "disabled");
                case "serviceRunning" -> service(c, "running");
                case "sshdConfig" -> sshdConfig(c);
                case "noPromiscInterfaces" -> interfaces(true);
                case "noWirelessInterfaces" -> interfaces(false);
                case "kernelFromPackage" -> kernelFromPackage();
                default -> throw new CheckError("unknown check type " + c.type());
            };
            return new CheckResult(c, failure == null ? CheckResult.PASS : CheckResult.FAIL, failure == null ? "" : failure);
        } catch (CheckError e) {
            return new CheckResult(c, CheckResult.ERR, e.getMessage());
        } catch (NoSuchFileException e) {
            return new CheckResult(c, CheckResult.ERR, "open " + e.getFile() + ": no such file or directory");
        } catch (AccessDeniedException e) {
            return new CheckResult(c, CheckResult.ERR, "open " + e.getFile() + ": permission denied");
        } catch (IOException | RuntimeException e) {
            return new CheckResult(c, CheckResult.ERR, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The check could not be run (Result Err). */
    static final class CheckError extends Exception {
        private static final long serialVersionUID = 1L;

        CheckError(String message) {
            super(message);
        }
    }

    // ---- files ----

    private String fileStats(Check c) throws IOException, CheckError {
        String path = c.string("path");
        Path p = root.resolve(path);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            if (c.flag("ifExists")) {
                return null;
            }
            throw new CheckError("stat " + path + ": no such file or directory");
        }
        int mode = (Integer) Files.getAttribute(p, "unix:mode") & 07777;
        long uid = ((Number) Files.getAttribute(p, "unix:uid")).longValue();
        long gid = ((Number) Files.getAttribute(p, "unix:gid")).longValue();
        List<String> errors = new ArrayList<>();
        if (c.string("owner") != null) {
            String owner = names(true).getOrDefault(uid, Long.toString(uid));
            List<String> allowed = List.of(c.string("owner").split(","));
            if (!allowed.contains(owner)) {
                errors.add("Owner is '" + owner + "' but should be '" + String.join("' or '", allowed) + "'");
            }
        }
        if (c.string("group") != null) {
            String group = names(false).getOrDefault(gid, Long.toString(gid));
            List<String> allowed = List.of(c.string("group").split(","));
            if (!allowed.contains(group)) {
                errors.add("Group is '" + group + "' but should be '" + String.join("' or '", allowed) + "'");
            }
        }
        if (c.string("mode") != null) {
            int want = Integer.parseInt(c.string("mode"), 8);
            boolean ok = c.flag("allowStricter") ? (mode & ~want) == 0 : mode == want;
            if (!ok) {
                errors.add("Mode is '" + Integer.toOctalString(mode) + "' but should be '" + c.string("mode") + "'"
                        + (c.flag("allowStricter") ? " or stricter" : ""));
            }
        }
        if (c.string("modeMask") != null) {
            int mask = Integer.parseInt(c.string("modeMask"), 8);
            if ((mode & mask) != 0) {
                errors.add("Mode is '" + Integer.toOctalString(mode) + "' but bits '" + Integer.toOctalString(mode & mask)
                        + "' must not be set");
            }
        }
        return errors.isEmpty() ? null : "File '" + path + "' has ownership/permissions errors: " + String.join("; ", errors);
    }

    private Map<Long, String> names(boolean users) throws IOException {
        if (users ? userNames == null : groupNames == null) {
            Map<Long, String> m = new HashMap<>();
            List<String> lines = root.linesOrNull(users ? "/etc/passwd" : "/etc/group");
            if (lines != null) {
                for (Map.Entry<String, String> e : UserNames.byId(lines).entrySet()) {
                    try {
                        m.putIfAbsent(Long.parseLong(e.getKey()), e.getValue());
                    } catch (NumberFormatException malformed) {
                        // a line whose id is not a number names nobody
                    }
                }
            }
            if (users) {
                userNames = m;
            } else {
                groupNames = m;
            }
        }
        return users ? userNames : groupNames;
    }

    private List<String> lines(Check c) throws IOException {
        List<String> lines = root.linesOrNull(c.string("path"));
        if (lines == null) {
            if (c.flag("ifExists")) {
                return null;
            }
            throw new NoSuchFileException(c.string("path"));
        }
        return lines;
    }

    private String matchingLines(Check c) throws IOException {
        List<String> lines = lines(c);
        if (lines == null) {
            return null;
        }
        Pattern re = Pattern.compile(c.string("regex"));
        for (String l : lines) {
            if (re.matcher(l).find()) {
                return null;
            }
        }
        return "Found no lines matching '" + c.string("regex") + "' in " + c.string("path");
    }

    private String noMatchingLines(Check c) throws IOException {
        List<String> lines = lines(c);
        if (lines == null) {
            return null;
        }
        Pattern re = Pattern.compile(c.string("regex"));
        Pattern unless = c.string("unless") == null ? null : Pattern.compile(c.string("unless"));
        int n = 0;
        for (String l : lines) {
            n++;
            if (re.matcher(l).find() && (unless == null || !unless.matcher(l).find())) {
                // the line number only: the line itself may hold a secret (/etc/shadow)
                return "Found a line matching '" + c.string("regex") + "'" + (unless == null ? "" : " without '" + c.string("unless") + "'")
                        + " in " + c.string("path") + " (line " + n + ")";
            }
        }
        return null;
    }

    private String matchingLinesInDir(Check c) throws IOException {
        String dir = c.string("path");
        Pattern re = Pattern.compile(c.string("regex"));
        for (String name : root.list(dir)) {
            String file = (dir.endsWith("/") ? dir : dir + "/") + name;
            if (!Files.isRegularFile(root.resolve(file))) {
                continue;
            }
            List<String> lines = root.linesOrNull(file);
            if (lines != null) {
                for (String l : lines) {
                    if (re.matcher(l).find()) {
                        return null;
                    }
                }
            }
        }
        return "Found no files with lines matching '" + c.string("regex") + "' in " + (dir.endsWith("/") ? dir : dir + "/");
    }

    private String sysctl(Check c) throws IOException {
        String key = c.string("key");
        String path = "/proc/sys/" + key.replace('.', '/');
        String value = root.read(path).trim();
        if (Pattern.compile(c.string("regex")).matcher(value).find()) {
            return null;
        }
        return "'" + key + "' is '" + value + "' but should match '" + c.string("regex") + "'";
    }

    // ---- packages ----

    private String packageCheck(Check c, boolean wantInstalled) throws CheckError {
        if (packages == null) {
            packages = new PackageDatabases(root, true).read();
        }
        if (!packages.hasDatabase()) {
            throw new CheckError("No package database (dpkg, apk, rpm) found under " + root.root()
                    + (packages.problems().isEmpty() ? "" : ": " + String.join("; ", packages.problems())));
        }
        String name = c.string("name");
        Pattern re = c.string("packageRegex") == null ? null : Pattern.compile(c.string("packageRegex"));
        String found = null;
        Matcher m = re == null ? null : re.matcher(""); // one for every name, not one each
        for (InstalledPackage p : packages.packages()) {
            if (name != null ? p.name().equals(name) : m.reset(p.name()).find()) {
                found = p.name();
                break;
            }
        }
        if (wantInstalled && found == null) {
            return name != null ? "Package '" + name + "' is not installed" : "No package matching '" + re.pattern() + "' is installed";
        }
        if (!wantInstalled && found != null) {
            return "Package '" + found + "' is installed";
        }
        return null;
    }

    private String kernelFromPackage() throws IOException, CheckError {
        String release = root.read("/proc/sys/kernel/osrelease").trim();
        if (packages == null) {
            packages = new PackageDatabases(root, true).read();
        }
        if (!packages.hasDatabase()) {
            throw new CheckError("No package database (dpkg, apk, rpm) found under " + root.root());
        }
        for (InstalledPackage p : packages.packages()) {
            String n = p.name();
            if (n.equals("linux-image-" + release) || n.equals("linux-image-" + release + "-unsigned")
                    || (n.startsWith("kernel") && release.startsWith(p.version()))
                    || (n.startsWith("linux-") && "apk".equals(p.manager()) && release.startsWith(p.version().replaceAll("-r\\d+$", "")))
                    || (n.startsWith("raspberrypi-kernel") || n.startsWith("linux-image-rpi"))) {
                return null;
            }
        }
        return "Kernel '" + release + "' is not provided by an installed distribution package";
    }

    // ---- services ----

    private String service(Check c, String want) throws IOException, CheckError {
        @SuppressWarnings("unchecked")
        List<Object> names = (List<Object>) c.params().get("names");
        String first = names.get(0).toString();
        switch (want) {
            case "enabled" -> {
                for (Object n : names) {
                    if (ServiceState.enabled(root, n.toString())) {
                        return null;
                    }
                }
                return "Service '" + first + "' is not enabled";
            }
            case "disabled" -> {
                for (Object n : names) {
                    if (ServiceState.enabled(root, n.toString())) {
                        return "Service '" + n + "' is not disabled";
                    }
                }
                return null;
            }
            default -> {
                Boolean running = null;
                for (Object n : names) {
                    Boolean r = ServiceState.running(root, n.toString());
                    if (r == null) {
                        throw new CheckError("cannot tell whether '" + first + "' runs: no processes under " + root.resolve("/proc"));
                    }
                    running = (running != null && running) || r;
                }
                return Boolean.TRUE.equals(running) ? null : "Service '" + first + "' is not running";
            }
        }
    }

    // ---- sshd ----

    private String sshdConfig(Check c) throws CheckError, IOException {
        if (sshd == null && sshdError == null) {
            try {
                sshd = SshdConfig.read(root);
            } catch (NoSuchFileException e) {
                sshdError = "open " + e.getFile() + ": no such file or directory";
            }
        }
        if (sshdError != null) {
            throw new CheckError(sshdError);
        }
        @SuppressWarnings("unchecked")
        List<Object> keys = (List<Object>) c.params().get("keys");
        Pattern re = Pattern.compile(c.string("regex"), Pattern.CASE_INSENSITIVE);
        String firstKey = keys.get(0).toString();
        String shown = null;
        for (Object k : keys) {
            String v = sshd.get(k.toString().toLowerCase(Locale.ROOT));
            if (v != null) {
                Matcher m = re.matcher(v);
                if (m.find()) {
                    return null;
                }
                if (shown == null) {
                    shown = "'" + k + "' is '" + v + "'";
                }
            }
        }
        if (shown == null) {
            String def = c.string("default");
            if (def != null && re.matcher(def).find()) {
                return null;
            }
            shown = "'" + String.join("' or '", keys.stream().map(Object::toString).toList()) + "' is not set"
                    + (def == null ? "" : " (sshd's default '" + def + "')");
        }
        return shown + " in /etc/ssh/sshd_config but should match '" + c.string("regex") + "'";
    }

    // ---- interfaces ----

    private String interfaces(boolean promisc) throws CheckError {
        List<String> names = root.list("/sys/class/net");
        if (names.isEmpty()) {
            throw new CheckError("no network interfaces under " + root.resolve("/sys/class/net"));
        }
        for (String n : names) {
            if (promisc) {
                String flags = root.firstLine("/sys/class/net/" + n + "/flags");
                if (flags != null && flags.startsWith("0x")) {
                    try {
                        if ((Long.parseLong(flags.substring(2), 16) & 0x100) != 0) {
                            return "Interface '" + n + "' is in promiscuous mode";
                        }
                    } catch (NumberFormatException e) {
                        // unreadable flags: not evidence either way
                    }
                }
            } else if (root.exists("/sys/class/net/" + n + "/wireless") || root.exists("/sys/class/net/" + n + "/phy80211")) {
                return "Wireless interface '" + n + "' is present";
            }
        }
        return null;
    }
}
