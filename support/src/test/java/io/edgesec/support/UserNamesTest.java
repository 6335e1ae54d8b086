package io.edgesec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserNamesTest {
    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000);

    @Test
    void namesUidsFromThePasswdFile() throws Exception {
        Path passwd = write("root:x:0:0:root:/root:/bin/bash\n# a comment:x:7\npi:x:1000:1000::/home/pi:/bin/sh\n");
        UserNames names = new UserNames(passwd, Duration.ofSeconds(5), nanos::get);
        assertEquals("root", names.name("0"));
        assertEquals("pi", names.name("1000"));
        assertNull(names.name("7"), "a comment names nobody");
        assertNull(names.name("4242"));
        assertNull(names.name(null));
    }

    @Test
    void aChangedFileIsReadAgainOnceTheRecheckIntervalIsOver() throws Exception {
        Path passwd = write("a:x:1:1::/:/bin/sh\n");
        UserNames names = new UserNames(passwd, Duration.ofSeconds(5), nanos::get);
        assertEquals("a", names.name("1"));
        Files.writeString(passwd, "b:x:1:1::/:/bin/sh\n");
        Files.setLastModifiedTime(passwd, FileTime.fromMillis(Files.getLastModifiedTime(passwd).toMillis() + 10_000));
        assertEquals("a", names.name("1"), "not looked at again within the interval");
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals("b", names.name("1"));
    }

    @Test
    void anUnreadableFileKeepsTheNamesItHad() throws Exception {
        Path passwd = write("a:x:1:1::/:/bin/sh\n");
        UserNames names = new UserNames(passwd, Duration.ofSeconds(5), nanos::get);
        assertEquals("a", names.name("1"));
        Files.delete(passwd);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals("a", names.name("1"));
    }

    @Test
    void noneNamesNobody() {
        assertNull(UserNames.NONE.name("0"));
    }

    @Test
    void byIdReadsPasswdAndGroupLinesFirstOneWinning() {
        Map<String, String> m = UserNames.byId(List.of("root:x:0:", "toor:x:0:0::/:/bin/sh", "", "short:x", ":x:5:", "#c:x:9:"));
        assertEquals(Map.of("0", "root"), m);
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("passwd"), text);
    }
}
