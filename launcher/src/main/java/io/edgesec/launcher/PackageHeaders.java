package io.edgesec.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;

/** The package names of a bundle's {@code Import-Package} or {@code Export-Package} header. */
final class PackageHeaders {
    private PackageHeaders() {
    }

    static List<String> imports(Manifest m) {
        return packages(m == null ? null : m.getMainAttributes().getValue("Import-Package"));
    }

    static List<String> exports(Manifest m) {
        return packages(m == null ? null : m.getMainAttributes().getValue("Export-Package"));
    }

    /**
     * Clauses are separated by commas outside quotes (a version range or a {@code uses:=} list
     * has commas too); a clause is {@code pkg[;pkg...][;attribute=value...]}.
     */
    static List<String> packages(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= header.length(); i++) {
            char c = i < header.length() ? header.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                for (String part : header.substring(start, i).split(";")) {
                    if (part.contains("=")) {
                        break; // directives and attributes follow the names
                    }
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
                start = i + 1;
            }
        }
        return out;
    }
}
