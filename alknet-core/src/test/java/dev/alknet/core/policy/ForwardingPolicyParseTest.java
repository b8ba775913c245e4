package dev.alknet.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.TransportKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ForwardingPolicy#parse}: the entry point of the config loader and the CLI. */
class ForwardingPolicyParseTest {

    private static ThrowableAssertAlternative<PolicySyntaxException> parseFails(String defaultAction,
            RuleText... rules) {
        return assertThatExceptionOfType(PolicySyntaxException.class)
                .isThrownBy(() -> ForwardingPolicy.parse(defaultAction, Arrays.asList(rules)));
    }

    @Test
    void parsesTheConfigurationExampleOfTheSpec() {
        ForwardingPolicy policy = ForwardingPolicy.parse("deny", List.of(
                RuleText.of("localhost:*", "allow"),
                RuleText.of("alknet-*", "allow"),
                RuleText.of("*:22", "deny")));

        assertThat(policy).isEqualTo(ForwardingPolicy.builder(ForwardingAction.DENY)
                .allow(new TargetPattern.Host("localhost"))
                .allow(new TargetPattern.AlknetPrefix())
                .deny(new TargetPattern.Any().onPort(22))
                .build());
    }

    @Test
    void parsesPrincipalsAndTransports() {
        ForwardingPolicy policy = ForwardingPolicy.parse("Deny", List.of(new RuleText("10.0.0.0/8:5432", " ALLOW ",
                List.of(" ops ", "SHA256:abc"), List.of("tcp", "TLS", "in_memory"))));

        ForwardingRule rule = policy.rules().get(0);
        assertThat(rule.action()).isEqualTo(ForwardingAction.ALLOW);
        assertThat(rule.principals()).containsExactly("ops", "SHA256:abc");
        assertThat(rule.transports())
                .containsExactlyInAnyOrder(TransportKind.TCP, TransportKind.TLS, TransportKind.IN_MEMORY);
        assertThat(rule).hasToString("allow 10.0.0.0/8:5432 principals=[ops, SHA256:abc]"
                + " transports=[tcp, tls, in-memory]");
    }

    @Test
    void omittedListsAndStarsMeanEveryoneAndEveryTransport() {
        RuleText omitted = RuleText.of("*", "allow");
        assertThat(omitted.principals()).containsExactly("*");
        assertThat(omitted.transports()).containsExactly("*");

        ForwardingRule rule = ForwardingPolicy.parse("deny", List.of(
                new RuleText("*", "allow", List.of("ops", "*"), List.of("*", "tcp")))).rules().get(0);
        assertThat(rule.appliesToEveryone()).isTrue();
        assertThat(rule.appliesToAllTransports()).isTrue();
    }

    @Test
    void noRulesIsJustTheDefault() {
        assertThat(ForwardingPolicy.parse("allow", null)).isEqualTo(ForwardingPolicy.allowAll());
        assertThat(ForwardingPolicy.parse("deny", List.of())).isEqualTo(ForwardingPolicy.denyAll());
    }

    @Test
    void errorsNameTheRuleAndTheText() {
        parseFails("deny", RuleText.of("localhost", "allow"), RuleText.of("*:22", "deny"),
                RuleText.of("10.0.0.0/33", "allow"))
                .withMessage("forwarding rule 2: target '10.0.0.0/33': prefix length 33 exceeds 32 for IPv4")
                .satisfies(e -> {
                    assertThat(e.ruleIndex()).isEqualTo(2);
                    assertThat(e.field()).isEqualTo("target");
                    assertThat(e.text()).isEqualTo("10.0.0.0/33");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "maybe", "allowed", "permit"})
    void rejectsUnknownDefaultActions(String text) {
        parseFails(text).withMessage("forwarding default '" + text + "': expected 'allow' or 'deny'")
                .satisfies(e -> assertThat(e.ruleIndex()).isEqualTo(PolicySyntaxException.NO_RULE));
    }

    @Test
    void rejectsAMissingDefaultAction() {
        parseFails(null).withMessage("forwarding default: missing; expected 'allow' or 'deny'")
                .satisfies(e -> assertThat(e.text()).isNull());
    }

    @Test
    void rejectsBadActions() {
        parseFails("deny", RuleText.of("*", "allow"), RuleText.of("*", "reject"))
                .withMessage("forwarding rule 1: action 'reject': expected 'allow' or 'deny'");
        parseFails("deny", RuleText.of("*", null)).withMessage("forwarding rule 0: action: missing; expected"
                + " 'allow' or 'deny'");
    }

    @Test
    void rejectsMissingRulesAndTargets() {
        parseFails("deny", RuleText.of("*", "allow"), null).withMessage("forwarding rule 1: rule: missing");
        parseFails("deny", RuleText.of(null, "allow")).satisfies(e -> assertThat(e.field()).isEqualTo("target"));
    }

    @Test
    void anExplicitlyEmptyListIsAnErrorNotEveryone() {
        parseFails("deny", new RuleText("*", "allow", List.of(), null))
                .withMessage("forwarding rule 0: principals: the list is empty; omit it or write [\"*\"] for everyone");
        parseFails("deny", new RuleText("*", "allow", null, List.of()))
                .withMessageContaining("transports: the list is empty");
    }

    @Test
    void rejectsBlankAndMissingListEntries() {
        parseFails("deny", new RuleText("*", "allow", List.of("ops", " "), null))
                .withMessage("forwarding rule 0: principals ' ': a principal must not be blank; use '*' for everyone");
        parseFails("deny", new RuleText("*", "allow", Arrays.asList("ops", null), null))
                .withMessageContaining("missing entry");
        parseFails("deny", new RuleText("*", "allow", null, Arrays.asList("tcp", null)))
                .withMessageContaining("transports: the list has a missing entry");
    }

    @Test
    void aStarDoesNotExcuseTheOtherEntries() {
        parseFails("deny", new RuleText("*", "allow", List.of("*", " "), null))
                .withMessageContaining("a principal must not be blank");
        parseFails("deny", new RuleText("*", "allow", null, List.of("*", "carrier-pigeon")))
                .withMessageContaining("unknown transport");
    }

    @Test
    void rejectsUnknownTransportsListingTheChoices() {
        parseFails("deny", new RuleText("*", "allow", null, List.of("tcp", "carrier-pigeon")))
                .withMessageStartingWith("forwarding rule 0: transports 'carrier-pigeon': unknown transport")
                .withMessageContaining("in-memory");
    }

    @Test
    void messagesEscapeControlCharactersAndTruncateLongText() {
        parseFails("deny", RuleText.of("evil\nforwarding rule 9: ok", "allow"))
                .withMessageStartingWith("forwarding rule 0: target 'evil\\u000aforwarding rule 9: ok'");
        parseFails("deny", RuleText.of("a\u202eb\u2028'", "allow"))
                .withMessageStartingWith("forwarding rule 0: target 'a\\u202eb\\u2028\\u0027'");
        String longText = "x".repeat(500) + "!";
        parseFails("deny", RuleText.of(longText, "allow")).satisfies(e -> {
            assertThat(e.getMessage()).contains("x".repeat(80) + "...'").doesNotContain("x".repeat(81));
            assertThat(e.text()).isEqualTo(longText);
        });
    }

    @Test
    void rulesPrintBackToTheirText() {
        RuleText text = new RuleText("[fd00::/8]:443", "deny", List.of("ops"), List.of("websocket", "tcp"));
        ForwardingRule rule = ForwardingRule.parse(text);

        assertThat(rule.toText()).isEqualTo(new RuleText("[fd00::/8]:443", "deny", List.of("ops"),
                List.of("tcp", "websocket")));
        assertThat(ForwardingRule.parse(rule.toText())).isEqualTo(rule);
        assertThat(ForwardingRule.allow(new TargetPattern.Any()).toText()).isEqualTo(RuleText.of("*", "allow"));
        assertThat(rule.transports()).isEqualTo(Set.of(TransportKind.TCP, TransportKind.WEBSOCKET));
    }

    @Test
    void ruleTextCopiesItsLists() {
        List<String> principals = new ArrayList<>(List.of("ops"));
        RuleText text = new RuleText("*", "allow", principals, null);
        principals.add("dev");
        assertThat(text.principals()).containsExactly("ops");
        assertThatThrownBy(() -> text.principals().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
