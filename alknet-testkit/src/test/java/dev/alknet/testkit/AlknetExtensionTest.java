package dev.alknet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.callproto.AccessControl;
import dev.alknet.callproto.CallException;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.ErrorCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as an application's test would use it: declare the mesh once, take clients as parameters. */
class AlknetExtensionTest {

    record Add(int a, int b) { }

    record Sum(int sum) { }

    @RegisterExtension
    static final AlknetExtension ALKNET = AlknetExtension.mesh(mesh -> mesh
            .head(ops -> ops.query("/head/math/add", Add.class, Sum.class, (add, env) -> new Sum(add.a() + add.b())))
            .worker("calc", ops -> ops.query("/math/add", Add.class, Sum.class,
                    spec -> spec.access(AccessControl.allOf("math:use")), (add, env) -> new Sum(add.a() + add.b()))));

    @Test
    void callsTheHeadAndAWorker(@Caller(id = "alice", scopes = "math:use") CallSession client) {
        assertThat(client.call("/head/math/add", new Add(1, 2), Sum.class).orTimeout(20, TimeUnit.SECONDS).join())
                .isEqualTo(new Sum(3));
        assertThat(client.call("/calc/math/add", new Add(2, 3), Sum.class).orTimeout(20, TimeUnit.SECONDS).join())
                .isEqualTo(new Sum(5));
    }

    @Test
    void anonymousClientsAndTheMeshAreInjectedToo(CallSession anonymous, InProcessMesh mesh) {
        Throwable denied = Assertions.catchThrowable(() -> anonymous.call("/calc/math/add", new Add(1, 1), Sum.class)
                .orTimeout(20, TimeUnit.SECONDS).join());

        assertThat(denied).isInstanceOf(CompletionException.class);
        assertThat(((CallException) denied.getCause()).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThat(mesh.head().nodes()).containsExactly("calc");
        assertThat(mesh.worker("calc").exposedAs()).containsExactly("/calc/math/add");
    }
}
