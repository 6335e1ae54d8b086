package io.edgesec.manifest.internal.model;

import io.edgesec.manifest.internal.json.JObject;
import io.edgesec.manifest.internal.json.JsonNode;
import io.edgesec.manifest.internal.json.JsonSyntaxException;
import io.edgesec.manifest.internal.json.JsonTrees;
import io.edgesec.manifest.internal.json.LineMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed IoT Edge deployment manifest in any envelope form of reference section 1.1, with
 * layered path-keys (section 1.4) merged into the same model as a base deployment.
 */
public final class Manifest {
    /** How the modules content is wrapped. */
    public enum Envelope { MODULES_CONTENT, CONTENT_MODULES_CONTENT, LEGACY_MODULE_CONTENT, CONTENT_LEGACY_MODULE_CONTENT, TWINS_AT_ROOT }

    private static final String PD = "properties.desired";

    private final String source;
    private final String text;
    private final LineMap lines;
    private final JObject root;
    private final Envelope envelope;
    private final JObject modulesContent;
    private final JObject agentTwin;
    private final JObject hubTwin;
    private final JObject agentDesired;
    private final JObject hubDesired;
    private final boolean layered;
    private final List<ModuleSpec> modules;
    private final Map<String, JObject> moduleTwins;

    private Manifest(String source, String text, JObject root, Envelope envelope, JObject modulesContent) {
        this.source = source;
        this.text = text;
        this.lines = new LineMap(text);
        this.root = root;
        this.envelope = envelope;
        this.modulesContent = modulesContent;
        this.agentTwin = modulesContent.getObject("$edgeAgent");
        this.hubTwin = modulesContent.getObject("$edgeHub");
        this.layered = hasPathKeys(agentTwin) || hasPathKeys(hubTwin);
        this.agentDesired = mergeDesired(agentTwin);
        this.hubDesired = mergeDesired(hubTwin);
        List<ModuleSpec> mods = new ArrayList<>();
        if (agentDesired != null) {
            JObject sys = agentDesired.getObject("systemModules");
            if (sys != null) {
                for (JObject.Member m : sys.effectiveMembers()) {
                    if (m.value().asObject() != null) {
                        mods.add(new ModuleSpec(m.name(), true, m.value().asObject()));
                    }
                }
            }
            JObject user = agentDesired.getObject("modules");
            if (user != null) {
                for (JObject.Member m : user.effectiveMembers()) {
                    if (m.value().asObject() != null) {
                        mods.add(new ModuleSpec(m.name(), false, m.value().asObject()));
                    }
                }
            }
        }
        this.modules = Collections.unmodifiableList(mods);
        Map<String, JObject> twins = new LinkedHashMap<>();
        for (JObject.Member m : modulesContent.effectiveMembers()) {
            if (!m.name().equalsIgnoreCase("$edgeAgent") && !m.name().equalsIgnoreCase("$edgeHub") && m.value().asObject() != null) {
                JObject d = mergeDesired(m.value().asObject());
                if (d != null) {
                    twins.put(m.name(), d);
                }
            }
        }
        this.moduleTwins = Collections.unmodifiableMap(twins);
    }

    /**
     * Parses a manifest. The file itself must be strict JSON (as IoT Hub and the az CLI require).
     *
     * @throws ManifestParseException naming line and column when it is not JSON or not a manifest
     */
    public static Manifest parse(String text, String source) throws ManifestParseException {
        JsonNode rootNode;
        try {
            rootNode = JsonTrees.strict(text);
        } catch (JsonSyntaxException e) {
            LineMap lm = new LineMap(text);
            throw new ManifestParseException(source, lm.line(e.offset()), lm.column(e.offset()), e.reason());
        }
        JObject root = rootNode.asObject();
        if (root == null) {
            LineMap lm = new LineMap(text);
            throw new ManifestParseException(source, lm.line(rootNode.start()), lm.column(rootNode.start()),
                    "a deployment manifest must be a JSON object, found a " + rootNode.kind().name().toLowerCase(Locale.ROOT));
        }
        JObject content = root.getObject("content");
        Object[] found = null;
        if (root.getObject("modulesContent") != null) {
            found = new Object[] {Envelope.MODULES_CONTENT, root.getObject("modulesContent")};
        } else if (content != null && content.getObject("modulesContent") != null) {
            found = new Object[] {Envelope.CONTENT_MODULES_CONTENT, content.getObject("modulesContent")};
        } else if (root.getObject("moduleContent") != null) {
            found = new Object[] {Envelope.LEGACY_MODULE_CONTENT, root.getObject("moduleContent")};
        } else if (content != null && content.getObject("moduleContent") != null) {
            found = new Object[] {Envelope.CONTENT_LEGACY_MODULE_CONTENT, content.getObject("moduleContent")};
        } else if (root.getObject("$edgeAgent") != null || root.getObject("$edgeHub") != null) {
            found = new Object[] {Envelope.TWINS_AT_ROOT, root};
        }
        if (found == null) {
            LineMap lm = new LineMap(text);
            throw new ManifestParseException(source, lm.line(root.start()), lm.column(root.start()),
                    "not an IoT Edge deployment manifest: no modulesContent, content.modulesContent, moduleContent, $edgeAgent or $edgeHub at the top level");
        }
        return new Manifest(source, text, root, (Envelope) found[0], (JObject) found[1]);
    }

    private static boolean hasPathKeys(JObject twin) {
        if (twin == null) {
            return false;
        }
        for (JObject.Member m : twin.members()) {
            if (m.name().regionMatches(true, 0, PD + ".", 0, PD.length() + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Merges a twin's {@code properties.desired} object and its dotted path-keys
     * ({@code properties.desired.modules.x}) into one object; leaf nodes keep their real pointers.
     */
    static JObject mergeDesired(JObject twin) {
        if (twin == null) {
            return null;
        }
        JObject base = null;
        List<JObject.Member> members = new ArrayList<>();
        boolean any = false;
        for (JObject.Member m : twin.members()) {
            if (m.name().equalsIgnoreCase(PD) && m.value().asObject() != null) {
                base = m.value().asObject();
                members = new ArrayList<>(base.members());
                any = true;
            }
        }
        for (JObject.Member m : twin.members()) {
            if (m.name().regionMatches(true, 0, PD + ".", 0, PD.length() + 1) && m.name().length() > PD.length() + 1) {
                String[] segs = m.name().substring(PD.length() + 1).split("\\.");
                members = insert(members, segs, 0, m, twin);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        JsonNode anchor = base != null ? base : twin;
        return JObject.synthetic(anchor.sourceText(), anchor.start(), anchor.end(), anchor.pointer(), members);
    }

    private static List<JObject.Member> insert(List<JObject.Member> members, String[] segs, int i, JObject.Member src, JObject twin) {
        List<JObject.Member> out = new ArrayList<>(members);
        String seg = segs[i];
        int idx = -1;
        for (int j = out.size() - 1; j >= 0; j--) {
            if (out.get(j).name().equalsIgnoreCase(seg)) {
                idx = j;
                break;
            }
        }
        JObject.Member replacement;
        if (i == segs.length - 1) {
            replacement = new JObject.Member(seg, src.nameStart(), src.nameEnd(), src.value());
        } else {
            JObject existing = idx >= 0 ? out.get(idx).value().asObject() : null;
            List<JObject.Member> children = existing != null ? existing.members() : List.of();
            JsonNode anchor = existing != null ? existing : twin;
            JObject merged = JObject.synthetic(anchor.sourceText(), anchor.start(), anchor.end(), anchor.pointer(),
                    insert(children, segs, i + 1, src, twin));
            replacement = new JObject.Member(seg, idx >= 0 ? out.get(idx).nameStart() : src.nameStart(),
                    idx >= 0 ? out.get(idx).nameEnd() : src.nameEnd(), merged);
        }
        if (idx >= 0) {
            out.set(idx, replacement);
        } else {
            out.add(replacement);
        }
        return out;
    }

    /** @return where the manifest came from (a path, {@code twin}, ...) */
    public String source() {
        return source;
    }

    public String text() {
        return text;
    }

    public JObject root() {
        return root;
    }

    public Envelope envelope() {
        return envelope;
    }

    /** @return the modulesContent object (the root itself for $edgeHub/$edgeAgent-only documents) */
    public JObject modulesContent() {
        return modulesContent;
    }

    public JObject agentTwin() {
        return agentTwin;
    }

    public JObject hubTwin() {
        return hubTwin;
    }

    /** @return {@code $edgeAgent} desired properties with path-keys merged, or null */
    public JObject agentDesired() {
        return agentDesired;
    }

    /** @return {@code $edgeHub} desired properties with path-keys merged, or null */
    public JObject hubDesired() {
        return hubDesired;
    }

    /** @return true for a layered deployment (dotted {@code properties.desired.*} path-keys) */
    public boolean layered() {
        return layered;
    }

    /** @return true for an iotedgedev/VS Code template ({@code $schema-template}) */
    public boolean template() {
        return root.get("$schema-template") != null;
    }

    /** @return the system modules first, then the user modules */
    public List<ModuleSpec> modules() {
        return modules;
    }

    /** @return the module called {@code name} (case-insensitive), or null */
    public ModuleSpec module(String name) {
        for (ModuleSpec m : modules) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        return null;
    }

    /** @return the system edgeHub module, or null */
    public ModuleSpec edgeHub() {
        for (ModuleSpec m : modules) {
            if (m.isEdgeHub()) {
                return m;
            }
        }
        return null;
    }

    /** @return desired properties of the other module twins, by module name */
    public Map<String, JObject> moduleTwins() {
        return moduleTwins;
    }

    public LineMap lines() {
        return lines;
    }

    /** @return the module whose createOptions contains {@code node}, or null */
    public ModuleSpec ownerOf(JsonNode node) {
        for (ModuleSpec m : modules) {
            CreateOptions co = m.createOptions();
            if (co.owns(node)) {
                return m;
            }
            if (co.form() == CreateOptions.Form.OBJECT && node.sourceText() == text
                    && (node.pointer().equals(co.basePointer()) || node.pointer().startsWith(co.basePointer() + "/"))) {
                return m;
            }
        }
        return null;
    }

    /** @return the location of a manifest node or of a node of a module's parsed createOptions */
    public Location locate(JsonNode node) {
        ModuleSpec owner = ownerOf(node);
        if (owner != null && owner.createOptions().stringForm()) {
            CreateOptions co = owner.createOptions();
            int s = co.toFileOffset(node.regionStart());
            int e = co.toFileOffset(Math.max(node.regionStart(), node.end() - 1)) + 1;
            CreateOptions.Chunk chunk = co.chunkAt(node.regionStart());
            return location(chunk.node().pointer(), co.basePointer() + node.pointer(), node.pointer(), chunk.key(), s, e);
        }
        if (owner != null) {
            CreateOptions co = owner.createOptions();
            String inner = node.pointer().substring(co.basePointer().length());
            return location(node.pointer(), node.pointer(), inner, co.chunks().get(0).key(), node.regionStart(), node.end());
        }
        return location(node.pointer(), node.pointer(), null, null, node.regionStart(), node.end());
    }

    /** @return the location of an offset into a module's joined createOptions (parse errors) */
    public Location locateOptionsOffset(ModuleSpec module, int offset) {
        CreateOptions co = module.createOptions();
        CreateOptions.Chunk chunk = co.chunkAt(offset);
        int s = co.toFileOffset(offset);
        return location(chunk.node().pointer(), co.basePointer(), null, chunk.key(), s, s + 1);
    }

    private Location location(String pointer, String logical, String inner, String chunk, int start, int end) {
        int l = lines.line(start);
        int c = lines.column(start);
        int el = lines.line(Math.max(start, end));
        int ec = lines.column(Math.max(start, end));
        if (el < l || (el == l && ec < c)) {
            el = l;
            ec = c + 1;
        }
        return new Location(pointer, logical, inner, chunk, l, c, el, ec);
    }
}
