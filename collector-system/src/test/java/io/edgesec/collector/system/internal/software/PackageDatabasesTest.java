package io.edgesec.collector.system.internal.software;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The in-place stanza parsers, on the bytes, read what the former split-into-lines ones read from the decoded text. */
class PackageDatabasesTest {
    private static final List<String> DPKG = List.of("",
            "Package: a\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n",
            "Package: a\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64",
            "Package:  spaced \t\nStatus:\tinstall ok installed  \nVersion:2\n\n\n\nPackage: b\nStatus: deinstall ok config-files\n\nPackage: c\nStatus: install ok installed\n",
            "Package: crlf\r\nStatus: install ok installed\r\nVersion: 3\r\n\r\nPackage: d\nStatus: install ok installed\nDescription: x\n Package: not-a-field\n",
            "Version: 9\nStatus: install ok installed\n\nPackage:\nStatus: install ok installed\n",
            "\n\n\nPackage: e\nStatus: install ok installed\n\n",
            "Package: caf\u00e9-\u4e2d\nVersion: 1:2.0~\u00fc\nStatus: install ok installed\nDescription: \u00e9\u00e8 \ud83d\ude00\n\n");
    /** Not UTF-8: a lead byte without its continuation before a space, a newline and the end; a stray continuation byte. */
    private static final List<byte[]> MALFORMED = List.of(
            bytes("Package: bad", 0xC3, " \nStatus: install ok installed\nVersion: 1", 0xE2, 0x82, "\n"),
            bytes("Package: x", 0x80, "y\nStatus: install ok installed\nArchitecture: ", 0xF0, 0x9F),
            bytes("Package:", 0xFF, 0xFE, "\nStatus: install ok installed\n\n"));
    private static final List<String> APK = List.of("", "P:musl\nV:1.2.4-r2\nA:x86_64\n\nP:busybox\nV:1.36\n",
            "P: spaced \nV:1\r\n\n\nA:arm\nP:x", "C:Q1abc\nP:zlib\nV:1.3-r0\nA:aarch64\nT:desc\n\n");

    @Test
    void dpkgStanzasAsBefore() throws IOException {
        for (String text : DPKG) {
            assertEquals(oldParse(text, true), parse(text.getBytes(StandardCharsets.UTF_8), true), text);
        }
        for (byte[] db : MALFORMED) {
            assertEquals(oldParse(new String(db, StandardCharsets.UTF_8), true), parse(db, true));
        }
        Path host = Path.of(PackageDatabases.DPKG_STATUS); // a real database, when the test machine has one
        if (Files.isReadable(host)) {
            byte[] db = Files.readAllBytes(host);
            assertEquals(oldParse(new String(db, StandardCharsets.UTF_8), true), parse(db, true));
        }
    }

    @Test
    void apkStanzasAsBefore() {
        for (String text : APK) {
            assertEquals(oldParse(text, false), parse(text.getBytes(StandardCharsets.UTF_8), false), text);
        }
        for (byte[] db : MALFORMED) {
            String apk = new String(db, StandardCharsets.ISO_8859_1).replace("Package:", "P:").replace("Version:", "V:");
            byte[] b = apk.getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(oldParse(new String(b, StandardCharsets.UTF_8), false), parse(b, false));
        }
    }

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else {
                out.writeBytes(p.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static List<InstalledPackage> parse(byte[] text, boolean dpkg) {
        List<InstalledPackage> out = new ArrayList<>();
        if (dpkg) {
            PackageDatabases.parseDpkgStatus(text, out::add);
        } else {
            PackageDatabases.parseApkInstalled(text, out::add);
        }
        return out;
    }

    /** The parsers as they were before they read in place (split into lines). */
    private static List<InstalledPackage> oldParse(String text, boolean dpkg) {
        List<InstalledPackage> list = new ArrayList<>();
        Consumer<InstalledPackage> out = list::add;
        String name = null, version = "", arch = "", status = "";
        for (String line : (text + "\n\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (name != null && (!dpkg || status.endsWith(" installed"))) {
                    out.accept(new InstalledPackage(dpkg ? "dpkg" : "apk", name, version, arch));
                }
                name = null;
                version = arch = status = "";
            } else if (line.startsWith(dpkg ? "Package:" : "P:")) {
                name = line.substring(dpkg ? 8 : 2).trim();
            } else if (line.startsWith(dpkg ? "Version:" : "V:")) {
                version = line.substring(dpkg ? 8 : 2).trim();
            } else if (line.startsWith(dpkg ? "Architecture:" : "A:")) {
                arch = line.substring(dpkg ? 13 : 2).trim();
            } else if (dpkg && line.startsWith("Status:")) {
                status = line.substring(7).trim();
            }
        }
        return list;
    }
}
