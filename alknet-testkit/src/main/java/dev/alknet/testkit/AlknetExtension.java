package dev.alknet.testkit;

import dev.alknet.callproto.CallSession;
import dev.alknet.core.Identity;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method a fresh {@link InProcessMesh} and clients of its head, closed after the test.
 *
 * <pre>{@code
 * class FilesTest {
 *     @RegisterExtension
 *     static final AlknetExtension alknet = AlknetExtension.mesh(mesh -> mesh
 *             .worker("w1", ops -> ops.query("/files/read", (input, env) -> read(input))));
 *
 *     @Test
 *     void reads(@Caller(id = "alice", scopes = "files:read") CallSession client, InProcessMesh mesh) { ... }
 * }
 * }</pre>
 *
 * Injectable parameters: {@link InProcessMesh} (the same one for every parameter of a test) and {@link CallSession}
 * (a new client of the head per parameter, as {@link Caller} says, anonymous without it).
 */
public final class AlknetExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            AlknetExtension.class);

    private final Consumer<InProcessMesh.Builder> setup;

    private AlknetExtension(Consumer<InProcessMesh.Builder> setup) {
        this.setup = setup;
    }

    /** An extension whose tests get a mesh configured by {@code setup}. */
    public static AlknetExtension mesh(Consumer<InProcessMesh.Builder> setup) {
        return new AlknetExtension(Objects.requireNonNull(setup, "setup"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == InProcessMesh.class || type == CallSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        InProcessMesh mesh = meshOf(context);
        if (parameter.getParameter().getType() == InProcessMesh.class) {
            return mesh;
        }
        return parameter.findAnnotation(Caller.class)
                .map(caller -> mesh.client(Identity.of(caller.id(), caller.scopes())))
                .orElseGet(mesh::client);
    }

    /** One mesh per test method, in the method's store: JUnit closes stored AutoCloseables when the method ends. */
    private InProcessMesh meshOf(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("an in-process mesh is injected into test methods, not into"
                    + " constructors or class-level callbacks");
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(InProcessMesh.class, type -> {
            InProcessMesh.Builder builder = InProcessMesh.builder();
            setup.accept(builder);
            return builder.start();
        }, InProcessMesh.class);
    }
}
