package io.edgesec.itest.edge;

import io.edgesec.collector.docker.internal.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The private engine with edgesec:latest built on it, shared by every container test class of
 * the run: started and built by the first class that asks ({@code @ExtendWith(BuiltImage.class)},
 * a {@link TestEngine} parameter of its {@code @BeforeAll}), stopped when the whole run ends
 * (JUnit's root store closes it). Building the image is most of a container test's time.
 * The engine is collector-docker's test engine (its test-jar): a private dockerd that leaves the
 * host's network alone, on overlay2, or vfs where overlay does not work.
 */
final class BuiltImage implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BuiltImage.class);

    /** The engine, closed with the root store. */
    private record Shared(TestEngine engine) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            engine.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Shared.class, k -> start(), Shared.class).engine();
    }

    private static Shared start() {
        TestEngine engine = null;
        try {
            engine = TestEngine.startBareDocker(List.of("overlay2", "vfs"));
            buildImage(engine);
            return new Shared(engine);
        } catch (Exception e) {
            if (engine != null) {
                try {
                    engine.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new IllegalStateException("the container engine or the image could not be made", e);
        }
    }

    /**
     * scripts/build-image.sh against the engine: edgesec:latest from launcher/target/edgesec.jar
     * (built by the reactor before this module). Its output goes to build-image.log in the engine's directory.
     */
    private static void buildImage(TestEngine engine) throws Exception {
        Path log = engine.dir().resolve("build-image.log");
        ProcessBuilder pb = new ProcessBuilder(EdgeAgent.ROOT.resolve("scripts/build-image.sh").toString())
                .directory(EdgeAgent.ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DOCKER_HOST", engine.host());
        pb.environment().put("TMPDIR", engine.dir().toString());
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("scripts/build-image.sh did not finish within 20 min:\n" + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("scripts/build-image.sh exited with " + p.exitValue() + ":\n" + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
