package io.edgesec.collector.system.internal.software;

/** One installed package: its manager (dpkg, apk, rpm), name, version and architecture. */
public record InstalledPackage(String manager, String name, String version, String architecture) {
    /** @return the identity of the package across snapshots (a version change is a change of the same package) */
    public String key() {
        return manager + ":" + name + (architecture.isEmpty() ? "" : ":" + architecture);
    }
}
