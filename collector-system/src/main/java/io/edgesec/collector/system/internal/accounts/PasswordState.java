package io.edgesec.collector.system.internal.accounts;

/** What the password field says, without its value. */
public enum PasswordState {
    /** A password is set and usable. */
    Set,
    /** The field is empty: anyone may log in without a password where PAM allows it. */
    None,
    /** Locked ({@code !...}) or no login possible ({@code *}). */
    Locked,
    /** Set but expired (forced change, or past its maximum age or account expiry). */
    Expired,
    /** shadow could not be read (the agent lacks the privilege) or has no entry. */
    Unknown
}
