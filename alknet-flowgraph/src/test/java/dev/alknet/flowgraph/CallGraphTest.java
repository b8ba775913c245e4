package dev.alknet.flowgraph;

import static dev.alknet.flowgraph.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallGraphTest {

    private final TestClock clock = new TestClock();
    private final List<EventResult.Rejected> rejections = new ArrayList<>();
    private final CallGraph graph = CallGraph.builder().clock(clock).onRejected(rejections::add).build();

    static CallEvent.Requested request(String id, String parent) {
        return new CallEvent.Requested(id, "/dev1/fs/read", json("{'path':'/tmp'}"), parent, "SHA256:abc", false);
    }

    @Test
    void aCallGoesThroughTheStatusMachineWithTimes() {
        graph.add(request("r1", null));
        assertThat(graph.call("r1").orElseThrow().status()).isEqualTo(CallStatus.PENDING);
        clock.advanceMillis(5);
        graph.start("r1");
        clock.advanceMillis(40);
        CallNode done = graph.complete("r1", json("{'text':'hi'}"));

        assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(done.output()).isEqualTo(json("{'text':'hi'}"));
        assertThat(done.identityId()).isEqualTo("SHA256:abc");
        assertThat(done.duration()).contains(Duration.ofMillis(40));
    }

    @Test
    void invalidTransitionsNameBothStates() {
        graph.add(request("r1", null));
        assertThatThrownBy(() -> graph.complete("r1", null)).isInstanceOf(InvalidTransitionException.class)
                .hasMessage("call r1 cannot move from Pending to Completed");
        graph.start("r1");
        graph.fail("r1", new CallErrorInfo("TIMEOUT", "deadline passed"));
        assertThatThrownBy(() -> graph.start("r1")).hasMessage("call r1 cannot move from Failed to Running");
        assertThatThrownBy(() -> graph.abort("r1")).hasMessage("call r1 cannot move from Failed to Aborted");
        assertThatThrownBy(() -> graph.start("nope")).hasMessage("no call nope");
        assertThatThrownBy(() -> graph.add(request("r1", null))).hasMessage("call r1 is already in the graph");
    }

    @Test
    void statusMachineAllowsExactlyTheSpecifiedMoves() {
        List<String> allowed = new ArrayList<>();
        for (CallStatus from : CallStatus.values()) {
            for (CallStatus to : CallStatus.values()) {
                if (from.canMoveTo(to)) {
                    allowed.add(from.displayName() + "→" + to.displayName());
                }
            }
        }
        assertThat(allowed).containsExactlyInAnyOrder("Pending→Running", "Pending→Aborted", "Running→Completed",
                "Running→Failed", "Running→Aborted");
    }

    @Test
    void wireEventsFillInTheImplicitStart() {
        graph.onEvent(request("call", null));
        graph.onEvent(new CallEvent.Responded("call", json("1")));
        assertThat(graph.call("call").orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CallStatus.COMPLETED);
            assertThat(c.startedAt()).isNotNull();
        });

        graph.onEvent(request("sub", null).withCaller("SHA256:x", true));
        graph.onEvent(new CallEvent.Responded("sub", json("'item 1'")));
        graph.onEvent(new CallEvent.Responded("sub", json("'item 2'")));
        assertThat(graph.call("sub").orElseThrow().status()).isEqualTo(CallStatus.RUNNING);
        graph.onEvent(new CallEvent.Completed("sub"));
        assertThat(graph.call("sub").orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CallStatus.COMPLETED);
            assertThat(c.output()).isEqualTo(json("'item 2'"));
        });

        graph.onEvent(request("denied", null));
        graph.onEvent(new CallEvent.Error("denied", new CallErrorInfo("ACCESS_DENIED", "no")));
        assertThat(graph.call("denied").orElseThrow().error()).isEqualTo(new CallErrorInfo("ACCESS_DENIED", "no"));
        assertThat(rejections).isEmpty();
    }

    @Test
    void eventsTheGraphCannotApplyAreRejectedWithAReasonAndChangeNothing() {
        graph.onEvent(new CallEvent.Responded("ghost", null));
        graph.onEvent(request("r1", null));
        graph.onEvent(new CallEvent.Aborted("r1"));
        graph.onEvent(new CallEvent.Responded("r1", json("1")));
        graph.onEvent(request("r1", null));

        assertThat(rejections).extracting(EventResult.Rejected::reason).containsExactly("no call ghost",
                "call r1 cannot move from Aborted to Completed", "call r1 is already in the graph");
        assertThat(graph.call("r1").orElseThrow().status()).isEqualTo(CallStatus.ABORTED);
        assertThat(graph.size()).isEqualTo(1);
    }

    @Test
    void aChildRequestedBeforeItsParentIsLinkedWhenTheParentArrives() {
        graph.onEvent(request("child", "parent"));
        assertThat(graph.edges()).isEmpty();
        graph.onEvent(request("parent", null));
        assertThat(graph.edges()).containsExactly(new CallEdge("parent", "child", CallEdgeType.TRIGGERED));
        assertThat(graph.call("child").orElseThrow().parentRequestId()).isEqualTo("parent");
    }

    @Test
    void aCallCanNeverBecomeItsOwnAncestor() {
        graph.add(request("a", null));
        graph.add(request("b", "a"));
        graph.add(request("c", "b"));
        assertThatThrownBy(() -> graph.dependsOn("a", "c")).isInstanceOf(CycleException.class)
                .hasMessage("call a cannot depend on c: cycle c → a → b → c");
        assertThatThrownBy(() -> graph.dependsOn("a", "a")).hasMessage("call a cannot depend on a: cycle a → a");
        assertThatThrownBy(() -> graph.add(request("s", "s"))).hasMessage("call s cannot be its own parent: cycle s → s");

        // x waits for its parent y; y then arrives as a child of x's own child z: y → x → z → y would close
        graph.add(request("x", "y"));
        graph.add(request("z", "x"));
        assertThatThrownBy(() -> graph.add(request("y", "z"))).isInstanceOf(CycleException.class)
                .hasMessage("call x cannot be a child of y: cycle y → x → z → y");
        assertThat(graph.call("y")).isEmpty();
        graph.add(request("w", null));
        graph.dependsOn("c", "w");
        assertThat(graph.edges()).contains(new CallEdge("w", "c", CallEdgeType.DEPENDS_ON));
    }
}
