package dev.alknet.bench;

import dev.alknet.bench.flow.AbortCascadeBench;
import dev.alknet.bench.flow.CallGraphBench;
import dev.alknet.bench.flow.OperationGraphBench;
import dev.alknet.bench.rpc.RpcBench;
import dev.alknet.bench.rpc.SubscriptionBench;
import java.util.List;

/** Every speed target the project promises, each a ratio or bound within one run. */
final class TargetCatalog {

    private TargetCatalog() {}

    static List<Target> all() {
        return List.of(
                Target.ratioAtLeast(FrameCodecBench.class, "frame decode (1 KiB) vs Jackson readTree",
                        "decodeFrame", "jacksonReadTree", 0.80),
                Target.microsAtMost(PolicyBench.class, "policy decision over 1,000 rules (host name, no match)",
                        "hostName", "rules=1000", 10.0),
                Target.microsAtMost(PolicyBench.class, "policy decision over 1,000 rules (IPv4 literal, no match)",
                        "ipLiteral", "rules=1000", 10.0),
                Target.ratioAtLeast(RpcBench.class, "unary call throughput, raw TCP vs gRPC (8 callers)",
                        "alknetRawTcp", "grpc", 1.0),
                Target.percentileRatioAtMost(RpcBench.class, "unary call p99 latency, raw TCP vs gRPC (8 callers)",
                        "alknetRawTcp", "grpc", 99, 1.0),
                Target.perSecondAtLeast(SubscriptionBench.class, "subscription items in memory",
                        "inMemoryItems", 500_000, "items/s"),
                Target.perSecondAtLeast(CallGraphBench.class, "call events applied to the call graph, one thread",
                        "callGraph", 200_000, "events/s"),
                Target.microsAtMost(AbortCascadeBench.class, "abort cascade over 11,110 running descendants",
                        "callGraph", "", 20_000),
                Target.microsAtMost(OperationGraphBench.class, "operation graph of 1,000 specs built",
                        "operationGraph", "", 1_000_000));
    }
}
