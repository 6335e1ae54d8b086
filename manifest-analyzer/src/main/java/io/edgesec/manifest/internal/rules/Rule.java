package io.edgesec.manifest.internal.rules;

/** One rule of the catalogue. A new rule is one class (and its test) plus a line in {@link RuleCatalogue}. */
public interface Rule {
    RuleInfo info();

    /** Reports this rule's findings on {@code ctx.manifest()} through {@code ctx}. Must not throw. */
    void check(RuleContext ctx);
}
