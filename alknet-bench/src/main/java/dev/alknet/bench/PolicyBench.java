package dev.alknet.bench;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import dev.alknet.core.policy.ForwardingDecision;
import dev.alknet.core.policy.ForwardingPolicy;
import dev.alknet.core.policy.RuleText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forwarding-policy evaluation over 10 and 1,000 rules of mixed kinds (globs, CIDRs v4/v6, port ranges, scoped
 * principals, transport filters). Destinations match no rule, so every rule is tried and the default decides:
 * the worst case. Target: < 10 µs for 1,000 rules.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PolicyBench {

    @Param({"10", "1000"})
    public int rules;

    private ForwardingPolicy policy;
    private final Identity identity = Identity.of("SHA256:bench", "relay:connect", "team:ops");

    @Setup
    public void setUp() {
        List<RuleText> texts = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            texts.add(switch (i % 5) {
                case 0 -> new RuleText("*.svc-" + i + ".internal", "allow", List.of("*"), null);
                case 1 -> new RuleText("10." + (i % 250) + ".0.0/16:" + (1000 + i), "allow", List.of("team:dev"),
                        null);
                case 2 -> new RuleText("db-" + i + "-*:5432-5440", "allow", List.of("*"), List.of("tls"));
                case 3 -> new RuleText("[fd00:" + Integer.toHexString(i) + "::/32]:443", "allow", List.of("*"),
                        null);
                default -> new RuleText("host-" + i + ".example.com:*", "deny", List.of("SHA256:other"),
                        null);
            });
        }
        policy = ForwardingPolicy.parse("deny", texts);
    }

    /** A host name that no rule matches. */
    @Benchmark
    public ForwardingDecision hostName() {
        return policy.decide("api.example.org", 443, identity, TransportKind.TCP);
    }

    /** An IPv4 literal that no rule matches. */
    @Benchmark
    public ForwardingDecision ipLiteral() {
        return policy.decide("192.168.1.20", 8080, identity, TransportKind.TCP);
    }
}
