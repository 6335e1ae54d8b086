package io.edgesec.bundles.internal;

/**
 * A desired entry that the device's policy does not allow (a bad entry, a location outside the
 * allowed sources, a digest or manifest that does not match): reported, and not tried again
 * until the entry changes. A failure (a source that cannot be read now, a start that throws) is
 * an IOException or BundleException instead, and is retried with back-off.
 */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
        super(message);
    }
}
