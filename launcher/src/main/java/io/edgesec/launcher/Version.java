package io.edgesec.launcher;

/** The launcher's version, from the jar manifest (or "dev" when run from classes). */
final class Version {
    private Version() {
    }

    static String get() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
