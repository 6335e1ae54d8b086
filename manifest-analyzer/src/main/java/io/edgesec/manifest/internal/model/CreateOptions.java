package io.edgesec.manifest.internal.model;

import io.edgesec.manifest.internal.json.JObject;
import io.edgesec.manifest.internal.json.JScalar;
import io.edgesec.manifest.internal.json.JsonNode;
import io.edgesec.manifest.internal.json.JsonSyntaxException;
import io.edgesec.manifest.internal.json.JsonTrees;
import io.edgesec.manifest.internal.json.Leniency;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A module's createOptions exactly as the edge agent reads it (reference section 1.8): every
 * settings member whose name contains {@code createOptions} (any case), sorted ordinal
 * case-insensitively, at most 100, joined with no separator and parsed with Newtonsoft's
 * liberties. Gaps, bad suffixes, non-string chunks, unparseable or non-object text are recorded
 * as {@link Problem}s; offsets into the joined text map back to the chunk and the file.
 */
public final class CreateOptions {
    /** Agent limit: {@code createOptions} + {@code 01}..{@code 99}. */
    public static final int MAX_CHUNKS = 100;
    /** Tooling chunk size (iotedgedev, VS Code, the agent's own writer). */
    public static final int CHUNK_SIZE = 512;
    /** Tooling limit on the number of chunks (4 KB). */
    public static final int TOOL_MAX_CHUNKS = 8;

    public enum Form { ABSENT, EMPTY, OBJECT, STRING, CHUNKED }

    /** One chunk: its settings key, its manifest node and its span in the joined text. */
    public record Chunk(String key, JsonNode node, int joinedStart, int joinedEnd) {
    }

    /**
     * Something the agent would reject or that tooling warns about.
     *
     * @param node          the manifest node concerned (a chunk or the settings)
     * @param optionsOffset an offset into the joined text, or -1
     * @param warning       true for tooling-compatibility warnings (chunk size/count)
     */
    public record Problem(String message, JsonNode node, int optionsOffset, boolean warning) {
    }

    private final String basePointer;
    private final Form form;
    private final List<Chunk> chunks;
    private final String joined;
    private final JsonNode parsed;
    private final JObject root;
    private final boolean unknown;
    private final List<Problem> problems;
    private final List<Leniency> leniencies;

    private CreateOptions(String basePointer, Form form, List<Chunk> chunks, String joined, JsonNode parsed,
                          JObject root, boolean unknown, List<Problem> problems, List<Leniency> leniencies) {
        this.basePointer = basePointer;
        this.form = form;
        this.chunks = chunks;
        this.joined = joined;
        this.parsed = parsed;
        this.root = root;
        this.unknown = unknown;
        this.problems = problems;
        this.leniencies = leniencies;
    }

    /** Reads the createOptions of a module's {@code settings} object (which may be null). */
    public static CreateOptions read(JObject settings, String settingsPointer) {
        List<JObject.Member> keys = new ArrayList<>();
        if (settings != null) {
            for (JObject.Member m : settings.members()) {
                if (m.name().toLowerCase(Locale.ROOT).contains("createoptions")) {
                    keys.add(m);
                }
            }
        }
        String base = settingsPointer + "/createOptions";
        if (keys.isEmpty()) {
            return new CreateOptions(base, Form.ABSENT, List.of(), "", null, null, false, List.of(), List.of());
        }
        List<Problem> problems = new ArrayList<>();
        keys.sort((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(a.name(), b.name()));
        // the agent's validation: first key has no suffix, the k-th has suffix k
        for (int i = 0; i < keys.size(); i++) {
            JObject.Member m = keys.get(i);
            String name = m.name();
            String suffix = name.substring(name.toLowerCase(Locale.ROOT).indexOf("createoptions") + "createoptions".length());
            String prefix = name.substring(0, name.toLowerCase(Locale.ROOT).indexOf("createoptions"));
            if (!prefix.isEmpty() || (!suffix.isEmpty() && !suffix.matches("[0-9]+"))) {
                problems.add(new Problem("createOptions key '" + name + "' has a bad name or suffix (only createOptions and createOptions01..99 are read in order)", m.value(), -1, false));
            } else if (i == 0 && !suffix.isEmpty()) {
                problems.add(new Problem("createOptions chunks start at '" + name + "' but the first chunk must be 'createOptions'", m.value(), -1, false));
            } else if (i > 0 && (suffix.isEmpty() || Integer.parseInt(suffix.length() > 9 ? "999999999" : suffix) != i)) {
                String expected = String.format("createOptions%02d", i);
                problems.add(new Problem(suffix.isEmpty()
                        ? "duplicate createOptions key '" + name + "'"
                        : "createOptions chunk '" + name + "' is out of sequence: expected '" + expected + "' (gap or bad numbering)", m.value(), -1, false));
            } else if (i > 0 && suffix.length() != 2) {
                problems.add(new Problem("createOptions chunk '" + name + "' is not two-digit zero-padded; it sorts out of place", m.value(), -1, false));
            }
        }
        if (keys.size() > MAX_CHUNKS) {
            problems.add(new Problem("createOptions has " + keys.size() + " chunks; the agent reads at most " + MAX_CHUNKS, keys.get(MAX_CHUNKS).value(), -1, false));
            keys = new ArrayList<>(keys.subList(0, MAX_CHUNKS));
        } else if (keys.size() > TOOL_MAX_CHUNKS) {
            problems.add(new Problem("createOptions has " + keys.size() + " chunks; iotedgedev and VS Code write at most " + TOOL_MAX_CHUNKS + " (4 KB)", keys.get(TOOL_MAX_CHUNKS).value(), -1, true));
        }

        // template form: a single object-valued createOptions
        if (keys.size() == 1 && keys.get(0).value().isObject() && problems.isEmpty()) {
            JObject obj = keys.get(0).value().asObject();
            return new CreateOptions(keys.get(0).value().pointer(), Form.OBJECT,
                    List.of(new Chunk(keys.get(0).name(), obj, 0, 0)), obj.raw(), obj, obj, false, List.of(), List.of());
        }

        StringBuilder sb = new StringBuilder();
        List<Chunk> chunks = new ArrayList<>(keys.size());
        for (JObject.Member m : keys) {
            JsonNode v = m.value();
            String part;
            if (v.isString()) {
                part = v.asString();
                if (keys.size() > 1 && part.length() > CHUNK_SIZE) {
                    problems.add(new Problem("createOptions chunk '" + m.name() + "' has " + part.length() + " characters; tooling writes at most " + CHUNK_SIZE, v, -1, true));
                }
            } else if (v.kind() == JsonNode.Kind.NULL) {
                part = "";
            } else {
                part = v.raw();
                problems.add(new Problem("createOptions chunk '" + m.name() + "' is a " + v.kind().name().toLowerCase(Locale.ROOT)
                        + ", not a string; the agent joins its JSON text", v, -1, false));
            }
            chunks.add(new Chunk(m.name(), v, sb.length(), sb.length() + part.length()));
            sb.append(part);
        }
        String joined = sb.toString();
        String basePtr = keys.get(0).name().equalsIgnoreCase("createOptions") ? keys.get(0).value().pointer() : base;
        Form form = chunks.size() > 1 ? Form.CHUNKED : Form.STRING;
        if (joined.isBlank() || joined.trim().equals("null")) {
            return new CreateOptions(basePtr, chunks.size() > 1 ? Form.CHUNKED : Form.EMPTY, Collections.unmodifiableList(chunks), joined,
                    null, null, false, Collections.unmodifiableList(problems), List.of());
        }
        List<Leniency> leniencies = new ArrayList<>();
        JsonNode parsed = null;
        JObject root = null;
        boolean unknown = false;
        try {
            parsed = JsonTrees.lenient(joined, leniencies);
            root = parsed.asObject();
            if (root == null) {
                unknown = true;
                problems.add(new Problem("createOptions is a JSON " + parsed.kind().name().toLowerCase(Locale.ROOT)
                        + ", not an object; the agent cannot create the container", null, parsed.start(), false));
            }
        } catch (JsonSyntaxException e) {
            unknown = true;
            problems.add(new Problem("createOptions cannot be parsed, even leniently: " + e.reason(), null, e.offset(), false));
        }
        return new CreateOptions(basePtr, form, Collections.unmodifiableList(chunks), joined, parsed, root, unknown,
                Collections.unmodifiableList(problems), List.copyOf(leniencies));
    }

    /** @return the manifest pointer of the (first) createOptions key */
    public String basePointer() {
        return basePointer;
    }

    public Form form() {
        return form;
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    /** @return the joined text the agent parses (for the object form: its source) */
    public String joined() {
        return joined;
    }

    /** @return the parsed options object, or null if absent, empty, unparseable or not an object */
    public JObject root() {
        return root;
    }

    /** @return true if createOptions exists but cannot be evaluated (unparseable or not an object) */
    public boolean unknown() {
        return unknown;
    }

    /** @return true if the parsed nodes live in the joined string (not directly in the manifest) */
    public boolean stringForm() {
        return form != Form.OBJECT && parsed != null;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** @return the non-strict constructs the lenient parse accepted (unquoted names, quotes, ...) */
    public List<Leniency> leniencies() {
        return leniencies;
    }

    /** @return {@code HostConfig} of the options (case-insensitive, last wins), or null */
    public JObject hostConfig() {
        return root == null ? null : root.getObject("HostConfig");
    }

    /** @return true if {@code node} was parsed from this createOptions' joined string */
    public boolean owns(JsonNode node) {
        return parsed != null && form != Form.OBJECT && node.sourceText() == joined;
    }

    /** @return the chunk holding {@code offset} of the joined text */
    public Chunk chunkAt(int offset) {
        for (Chunk c : chunks) {
            if (offset >= c.joinedStart() && offset < c.joinedEnd()) {
                return c;
            }
        }
        for (int i = chunks.size() - 1; i >= 0; i--) {
            if (chunks.get(i).joinedEnd() > chunks.get(i).joinedStart() || i == 0) {
                return chunks.get(i);
            }
        }
        return chunks.get(chunks.size() - 1);
    }

    /** Maps an offset in the joined text to the offset of the character in the manifest file. */
    public int toFileOffset(int offset) {
        Chunk c = chunkAt(offset);
        int within = Math.max(0, Math.min(offset - c.joinedStart(), c.joinedEnd() - c.joinedStart()));
        if (c.node() instanceof JScalar s && s.isString()) {
            return s.sourceOffsetOf(within);
        }
        return c.node().start() + within;
    }
}
