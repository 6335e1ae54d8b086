package io.edgesec.manifest.internal.report;

import io.edgesec.support.json.JsonText;
import java.util.Collection;
import java.util.Map;

/** Indented JSON for reports meant to be read and diffed (the compact form is {@link JsonText}). */
public final class Json {
    private Json() {
    }

    public static String pretty(Object value) {
        StringBuilder sb = new StringBuilder(4096);
        write(value, sb, 0);
        return sb.append('\n').toString();
    }

    private static void indent(StringBuilder sb, int n) {
        sb.append('\n');
        for (int i = 0; i < n; i++) {
            sb.append("  ");
        }
    }

    private static void write(Object v, StringBuilder sb, int level) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                indent(sb, level + 1);
                JsonText.write(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                write(e.getValue(), sb, level + 1);
            }
            indent(sb, level);
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            if (c.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                indent(sb, level + 1);
                write(o, sb, level + 1);
            }
            indent(sb, level);
            sb.append(']');
        } else {
            JsonText.write(v, sb);
        }
    }
}
