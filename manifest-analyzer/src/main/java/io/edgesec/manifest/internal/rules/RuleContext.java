package io.edgesec.manifest.internal.rules;

import io.edgesec.manifest.internal.json.JsonNode;
import io.edgesec.manifest.internal.model.Location;
import io.edgesec.manifest.internal.model.Manifest;
import io.edgesec.manifest.internal.model.ModuleSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** What a rule sees: the manifest, the settings, and where it reports. */
public final class RuleContext {
    private final Manifest manifest;
    private final AnalyzerSettings settings;
    private final List<Finding> findings = new ArrayList<>();

    public RuleContext(Manifest manifest, AnalyzerSettings settings) {
        this.manifest = manifest;
        this.settings = settings;
    }

    public Manifest manifest() {
        return manifest;
    }

    public AnalyzerSettings settings() {
        return settings;
    }

    /** @return the findings reported so far */
    public List<Finding> findings() {
        return findings;
    }

    /** Reports at {@code node} (a manifest node or a parsed createOptions node) with the default severity. */
    public void report(Rule rule, ModuleSpec module, JsonNode node, String message) {
        report(rule, rule.info().severity(), module, node, message);
    }

    public void report(Rule rule, Severity severity, ModuleSpec module, JsonNode node, String message) {
        reportAt(rule, severity, module, manifest.locate(node), value(node), message);
    }

    /**
     * @return the value that identifies a finding at {@code node}: the text of a scalar; for an
     *         object or array (the anchor of a "missing setting" finding) only its kind, so that
     *         unrelated edits inside it do not change the fingerprint
     */
    static String value(JsonNode node) {
        return switch (node.kind()) {
            case OBJECT -> "{object}";
            case ARRAY -> node.asArray().size() == 0 ? "[]" : "[array]";
            default -> node.asText();
        };
    }

    /** Reports at an explicit location. */
    public void reportAt(Rule rule, Severity severity, ModuleSpec module, Location location, String value, String message) {
        String src = manifest.source();
        String fp = fingerprint(rule.info().id(), src, location.logicalPointer(), value);
        findings.add(new Finding(rule.info(), severity, message, module == null ? null : module.name(), location,
                value, src, fp, null));
    }

    /** @return hex SHA-256 (first 128 bits) of rule id, source, pointer and value */
    public static String fingerprint(String ruleId, String source, String pointer, String value) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest((ruleId + "\u0000" + source + "\u0000" + pointer + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                sb.append(Character.forDigit((h[i] >> 4) & 0xf, 16)).append(Character.forDigit(h[i] & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
