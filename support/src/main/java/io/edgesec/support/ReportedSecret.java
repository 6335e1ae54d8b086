package io.edgesec.support;

/**
 * What a reported twin shows instead of a secret's value (a connection string, a password): the
 * hub transport writes it for secret-looking properties, the configuration bundle for its
 * PASSWORD attributes, and the configuration takes it back, in a desired document, as "keep the
 * current value". One text for both bundles, so that what one reports the other recognizes.
 */
public final class ReportedSecret {
    public static final String NOT_REPORTED = "(set, not reported)";

    private ReportedSecret() {
    }
}
