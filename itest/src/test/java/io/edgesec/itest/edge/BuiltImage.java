package io.edgesec.itest.edge;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The private engine with edgesec:latest built on it, shared by every container test class of
 * the run: started and built by the first class that asks ({@code @ExtendWith(BuiltImage.class)},
 * a {@link ContainerEngine} parameter of its {@code @BeforeAll}), stopped when the whole run ends
 * (JUnit's root store closes it). Building the image is most of a container test's time.
 */
final class BuiltImage implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BuiltImage.class);

    /** The engine, closed with the root store. */
    private record Shared(ContainerEngine engine) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            engine.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ContainerEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Shared.class, k -> start(), Shared.class).engine();
    }

    private static Shared start() {
        ContainerEngine engine = null;
        try {
            engine = ContainerEngine.start();
            engine.buildImage();
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
}
