package dev.alknet.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.TransportKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/** The TOML example in docs/forwarding-policy.md parses, and means what the page's Java version builds. */
class DocumentedPolicyTest {

    private static final Path PAGE = Path.of("..", "docs", "forwarding-policy.md");

    private static String tomlExample() throws IOException {
        String page = Files.readString(PAGE);
        int start = page.indexOf("```toml\n") + "```toml\n".length();
        return page.substring(start, page.indexOf("```", start));
    }

    private static List<String> strings(JsonNode list) {
        if (list == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        list.forEach(value -> values.add(value.stringValue()));
        return values;
    }

    @Test
    void theTomlExampleEqualsTheJavaExample() throws IOException {
        JsonNode forwarding = new TomlMapper().readTree(tomlExample()).get("forwarding");
        List<RuleText> rules = new ArrayList<>();
        forwarding.get("rules").forEach(rule -> rules.add(new RuleText(rule.get("target").stringValue(),
                rule.get("action").stringValue(), strings(rule.get("principals")), strings(rule.get("transports")))));

        ForwardingPolicy parsed = ForwardingPolicy.parse(forwarding.get("default").stringValue(), rules);

        assertThat(parsed).isEqualTo(ForwardingPolicy.builder(ForwardingAction.DENY)
                .allow(new TargetPattern.AlknetPrefix())
                .deny(new TargetPattern.Any().onPort(22))
                .rule(ForwardingRule.allow(TargetPattern.parse("localhost:8000-8999"))
                        .withTransports(TransportKind.TCP, TransportKind.TLS))
                .rule(ForwardingRule.allow(TargetPattern.parse("*.db.internal:5432"))
                        .withPrincipals("ops", "SHA256:Xy3v0wJvZyUQ4m3g6k6v3m0k8m4T1r0QxkQ2Zb0uG9A"))
                .rule(ForwardingRule.allow(TargetPattern.parse("[fd00::/8]:443")).withPrincipals("ops"))
                .build());
    }
}
