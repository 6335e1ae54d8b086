package io.edgesec.itest.edge.probe;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * An activator that throws on every start, after appending a line to
 * {@code <edgesec.data.dir>/probe/<symbolic name>.starts}: how often the agent tried to start it.
 */
public final class FailingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) throws Exception {
        String data = context.getProperty("edgesec.data.dir");
        Path log = Path.of(data == null ? "." : data, "probe", context.getBundle().getSymbolicName() + ".starts");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "start\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        throw new IllegalStateException("this activator always fails (edgesec integration test)");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
