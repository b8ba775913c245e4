package dev.alknet.flowgraph;

import static dev.alknet.flowgraph.CallGraphTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AbortCascadeTest {

    private final CallGraph graph = CallGraph.create();

    /** r → a → c, r → b (completed) → d, e depends on c; x unrelated. All but b and x are running. */
    @BeforeEach
    void tree() {
        for (String[] call : new String[][] {{"r", null}, {"a", "r"}, {"b", "r"}, {"c", "a"}, {"d", "b"}, {"e", null},
                {"x", null}}) {
            graph.add(request(call[0], call[1]));
            if (!call[0].equals("x")) {
                graph.start(call[0]);
            }
        }
        graph.dependsOn("e", "c");
        graph.complete("b", null);
    }

    @Test
    void abortingACallAbortsEveryPendingOrRunningDescendantInDependencyOrder() {
        assertThat(graph.apply(new CallEvent.Aborted("r")))
                .isEqualTo(new EventResult.Applied(List.of("r", "a", "c", "d", "e")));
        assertThat(graph.withStatus(CallStatus.ABORTED)).extracting(CallNode::requestId)
                .containsExactly("a", "c", "d", "e", "r");
        assertThat(graph.call("b").orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(graph.call("x").orElseThrow().status()).isEqualTo(CallStatus.PENDING);
    }

    @Test
    void continueRunningAbortsOnlyTheCallItself() {
        graph.abortPolicy("a", AbortPolicy.CONTINUE_RUNNING);
        assertThat(graph.abort("a")).containsExactly("a");
        assertThat(graph.call("c").orElseThrow().status()).isEqualTo(CallStatus.RUNNING);
        assertThat(graph.abort("c")).containsExactly("c", "e");
    }

    @Test
    void anEndedCallCannotBeAborted() {
        assertThatThrownBy(() -> graph.abort("b")).isInstanceOf(InvalidTransitionException.class)
                .hasMessage("call b cannot move from Completed to Aborted");
        assertThat(graph.call("d").orElseThrow().status()).isEqualTo(CallStatus.RUNNING);
    }
}
