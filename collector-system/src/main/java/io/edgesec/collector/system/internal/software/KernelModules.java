package io.edgesec.collector.system.internal.software;

import io.edgesec.collector.system.internal.host.HostRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The loaded kernel modules from {@code /proc/modules} (name, size, users, state). */
public final class KernelModules {
    /** One loaded module. */
    public record Module(String name, long size, String state) {
    }

    private KernelModules() {
    }

    /** @return the modules, or null when /proc/modules is absent (an image root, a kernel without modules) */
    public static List<Module> read(HostRoot root) throws IOException {
        String text = root.readOrNull("/proc/modules");
        if (text == null) {
            return null;
        }
        List<Module> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5) {
                long size;
                try {
                    size = Long.parseLong(f[1]);
                } catch (NumberFormatException e) {
                    size = -1;
                }
                out.add(new Module(f[0], size, f[4]));
            }
        }
        return out;
    }
}
