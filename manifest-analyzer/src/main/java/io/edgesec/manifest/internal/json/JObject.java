package io.edgesec.manifest.internal.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A JSON object that keeps every member as written, duplicates included. Look-ups follow the
 * IoT Edge runtime (Newtonsoft.Json and Go {@code encoding/json}): member names match
 * case-insensitively and the last of several matching members wins.
 */
public final class JObject extends JsonNode {
    /** One {@code name: value} pair; {@code nameStart} is the offset of the name (its quote, if any). */
    public record Member(String name, int nameStart, int nameEnd, JsonNode value) {
    }

    private final List<Member> members;

    JObject(String text, int start, int end, PointerPath path, List<Member> members) {
        super(text, start, end, path);
        this.members = Collections.unmodifiableList(members);
    }

    @Override
    public Kind kind() {
        return Kind.OBJECT;
    }

    /** @return all members in source order, duplicates included */
    public List<Member> members() {
        return members;
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** @return the value of the last member whose name equals {@code name} ignoring case, or null */
    public JsonNode get(String name) {
        Member m = member(name);
        return m == null ? null : m.value();
    }

    /** @return the last member whose name equals {@code name} ignoring case, or null */
    public Member member(String name) {
        for (int i = members.size() - 1; i >= 0; i--) {
            Member m = members.get(i);
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        return null;
    }

    /** @return the object under {@code name}, or null if absent or not an object */
    public JObject getObject(String name) {
        JsonNode n = get(name);
        return n == null ? null : n.asObject();
    }

    /** @return the array under {@code name}, or null if absent or not an array */
    public JArray getArray(String name) {
        JsonNode n = get(name);
        return n == null ? null : n.asArray();
    }

    /** @return the string under {@code name}, or null if absent or not a string */
    public String getString(String name) {
        JsonNode n = get(name);
        return n == null ? null : n.asString();
    }

    /** Follows a path of member names (case-insensitive); null as soon as one is missing. */
    public JsonNode path(String... names) {
        JsonNode cur = this;
        for (String n : names) {
            if (!(cur instanceof JObject o)) {
                return null;
            }
            cur = o.get(n);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /**
     * @return the effective members: for each name (ignoring case) the last one, in the order
     *         of their last occurrence
     */
    public List<Member> effectiveMembers() {
        List<Member> out = new ArrayList<>(members.size());
        outer:
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            for (int j = i + 1; j < members.size(); j++) {
                if (members.get(j).name().equalsIgnoreCase(m.name())) {
                    continue outer;
                }
            }
            out.add(m);
        }
        return out;
    }

    /**
     * @return groups of two or more members whose names are equal ignoring case (duplicates or
     *         case variants), each group in source order
     */
    public List<List<Member>> duplicateGroups() {
        List<List<Member>> groups = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Member m : members) {
            String key = m.name().toLowerCase(Locale.ROOT);
            if (seen.contains(key)) {
                continue;
            }
            seen.add(key);
            List<Member> g = new ArrayList<>(2);
            for (Member o : members) {
                if (o.name().equalsIgnoreCase(m.name())) {
                    g.add(o);
                }
            }
            if (g.size() > 1) {
                g = List.copyOf(g);
                groups.add(g);
            }
        }
        return groups;
    }

    /** Creates an object that is not in any text (used to merge layered path-keys). */
    public static JObject synthetic(String text, int start, int end, String pointer, List<Member> members) {
        return new JObject(text, start, end, PointerPath.of(pointer), new ArrayList<>(members));
    }
}
