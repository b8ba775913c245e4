package dev.alknet.core.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alknet.core.Identity;
import dev.alknet.core.TransportKind;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.frame.FrameReader;
import dev.alknet.core.frame.FrameWriter;
import dev.alknet.core.policy.ForwardingDecision;
import dev.alknet.core.policy.ForwardingPolicy;
import dev.alknet.core.policy.RuleText;
import dev.alknet.core.transport.InMemoryTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the README's quick-start example compiling and true: the code between the markers is the README's. */
class ReadmeExampleTest {

    @Test
    void quickStartExampleWorksAsDocumented() throws Exception {
        // README example begins
        ForwardingPolicy policy = ForwardingPolicy.parse("deny", List.of(
                new RuleText("localhost:5432", "allow", List.of("team:db"), null),
                new RuleText("*.internal:443", "allow", null, List.of("tls"))));
        Identity alice = Identity.of("SHA256:alice", "team:db");
        ForwardingDecision db = policy.decide("localhost", 5432, alice, TransportKind.TCP);   // allow by rule 0
        ForwardingDecision web = policy.decide("git.internal", 443, alice, TransportKind.TCP); // deny by default

        try (InMemoryTransport.Pair pipe = InMemoryTransport.pair()) {
            var payload = FrameCodec.jsonMapper().readTree(
                    "{\"requestId\":\"r1\",\"operationId\":\"/services/list\",\"input\":null}");
            new FrameWriter(pipe.client().output()).write(new EventEnvelope("call.requested", "r1", payload));
            EventEnvelope received = new FrameReader(pipe.server().input()).read();
            System.out.println(received.type() + " " + db + ", " + web); // call.requested allow by rule 0, deny by default
            // README example ends
            assertThat(received.type()).isEqualTo("call.requested");
            assertThat(received.payload().get("operationId").asString()).isEqualTo("/services/list");
        }
        assertThat(db.toString()).isEqualTo("allow by rule 0");
        assertThat(web.toString()).isEqualTo("deny by default");
    }

    @Test
    void readmeShowsExactlyThisExample() throws Exception {
        Path readme = Path.of("..", "README.md");
        Path self = Path.of("src/test/java/dev/alknet/core/readme/ReadmeExampleTest.java");
        String source = Files.readString(self);
        String example = source.substring(source.indexOf("// README example begins") + 25,
                source.indexOf("            // README example ends"));
        String docs = Files.readString(readme);
        for (String line : example.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            assertThat(docs).as("README line").contains(line);
        }
    }
}
