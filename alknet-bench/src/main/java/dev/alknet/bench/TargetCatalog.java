package dev.alknet.bench;

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
                        "ipLiteral", "rules=1000", 10.0));
    }
}
