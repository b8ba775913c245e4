package dev.alknet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.auth.TokenSigner;
import dev.alknet.callproto.CallSession;
import dev.alknet.callproto.net.WebSocketCallClient;
import dev.alknet.storage.StorageConfig;
import dev.alknet.storage.StorageService;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code alknet serve --demo-ops} with an SSH and a raw listener in this JVM, and {@code alknet call} and
 * {@code alknet ops} run with exactly the lines serve prints.
 */
class CallOpsTest {

    @TempDir
    Path dir;

    private final Cli serveCli = new Cli();
    private final LineSink serveOut = new LineSink();
    private CompletableFuture<Integer> serve;
    private List<String> sshOps;
    private List<String> rawOps;
    private URI webSocket;
    private List<String> webSocketOps;

    @BeforeEach
    void serve() throws Exception {
        assertThat(new Cli().run("keygen", "--data-dir", dir.toString()).exitCode()).isZero();
        Files.copy(dir.resolve(DataDir.IDENTITY + ".pub"), dir.resolve(DataDir.AUTHORIZED_KEYS));
        Path config = Files.writeString(dir.resolve("alknet.toml"), """
                [[listeners]]
                listen = "127.0.0.1:0"
                [[listeners]]
                listen = "127.0.0.1:0"
                interface = "raw"
                [[listeners]]
                listen = "127.0.0.1:0"
                interface = "websocket"
                path = "/mesh"
                [auth]
                default_scopes = ["relay:connect", "flow:read", "storage:read", "storage:write", "admin"]
                [auth.token]
                enabled = true
                [forwarding]
                default = "deny"
                [[forwarding.rules]]
                target = "alknet-control:0"
                action = "allow"
                """, StandardCharsets.UTF_8);
        serve = serveCli.start(serveOut, new LineSink(), "serve", "--data-dir", dir.toString(),
                "--config", config.toString(), "--demo-ops");
        sshOps = Shell.words(serveOut.await(l -> l.strip().startsWith("alknet ops ") && !l.contains("--raw")));
        rawOps = Shell.words(serveOut.await(l -> l.strip().startsWith("alknet ops --raw ")));
        String webSocketLine = serveOut.await(l -> l.startsWith("alknet serve: call protocol over WebSocket at "));
        webSocket = URI.create(webSocketLine.split(" ")[7]);
        webSocketOps = Shell.words(serveOut.await(l -> l.strip().startsWith("alknet ops ws://")));
    }

    @AfterEach
    void stop() throws Exception {
        serveCli.stop();
        assertThat(serve.get(60, TimeUnit.SECONDS)).as(serveOut.text()).isZero();
    }

    /** The printed {@code alknet ops ...} line as {@code command}, with this test's data directory and more. */
    private Cli.Result run(List<String> printed, String command, String... more) {
        List<String> args = new ArrayList<>(printed.subList(1, printed.size()));
        args.set(0, command);
        args.addAll(List.of(more));
        args.addAll(List.of("--data-dir", dir.toString()));
        return new Cli().run(args.toArray(String[]::new));
    }

    @Test
    void opsOverRawFramingWithATokenListsTheHeadsOperations() {
        Cli.Result result = run(rawOps, "ops");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().filter(l -> l.startsWith("/head/storage/"))).hasSize(22);
        assertThat(result.out().lines().filter(l -> !l.startsWith("/head/storage/"))
                .map(l -> List.of(l.split("\\s+")))).containsExactly(
                List.of("OPERATION", "TYPE"),
                List.of("/head/demo/echo", "query"),
                List.of("/head/demo/ticks", "subscription"),
                List.of("/head/flow/calls", "query"),
                List.of("/head/services/register", "mutation"),
                List.of("/services/list", "query"),
                List.of("/services/schema", "query"));
    }

    @Test
    void aWebSocketListenerServesTheHeadToATokenOfAnAuthorizedKey() throws Exception {
        assertThat(webSocket.getPath()).isEqualTo("/mesh");
        OpenSshKeyPair identity = OpenSshKeyPair.load(dir.resolve(DataDir.IDENTITY));
        try (TokenSigner signer = TokenSigner.of(identity);
                WebSocketCallClient client = WebSocketCallClient.builder().token(signer::sign).build()) {
            CallSession session = client.connect(webSocket);
            JsonNode output = session.call("/head/demo/echo", JsonText.parse("input", "{\"a\": 1}"))
                    .get(60, TimeUnit.SECONDS);
            assertThat(output).isEqualTo(JsonText.parse("expected", "{\"a\": 1}"));
            session.close();
        }
        try (TokenSigner stranger = TokenSigner.of(OpenSshKeyPair.generateEd25519("stranger"));
                WebSocketCallClient client = WebSocketCallClient.builder().token(stranger::sign).build()) {
            assertThatThrownBy(() -> client.connect(webSocket)).hasMessageContaining("401");
        }
    }

    @Test
    void callAndOpsReachAWebSocketListenerByItsUrl() {
        assertThat(webSocketOps.get(2)).isEqualTo(webSocket.toString());
        Cli.Result ops = run(webSocketOps, "ops");
        Cli.Result echo = run(webSocketOps, "call", "/head/demo/echo", "{\"x\": 1}");
        Cli.Result anonymous = run(webSocketOps, "call", "/head/demo/echo", "{}", "--anonymous");

        assertThat(ops.exitCode()).as(ops.err()).isZero();
        assertThat(ops.out().lines().filter(l -> l.startsWith("/head/storage/"))).hasSize(22);
        assertThat(echo.exitCode()).as(echo.err()).isZero();
        assertThat(JsonText.parse("echo", echo.out())).isEqualTo(JsonText.parse("expected", "{\"x\": 1}"));
        assertThat(anonymous.exitCode()).as(anonymous.err()).isZero();
        Cli.Result keyed = run(webSocketOps, "call", "/head/storage/listGraphs", "{}");
        Cli.Result refused = run(webSocketOps, "call", "/head/storage/listGraphs", "{}", "--anonymous");
        assertThat(keyed.exitCode()).as(keyed.err()).isZero();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("ACCESS_DENIED");
    }

    @Test
    void webSocketUrlsTakeNoSshOrRawFlagsAndNoQuery() {
        String url = webSocket.toString();
        assertUsage(run(List.of("alknet", "ops", url), "call", "/head/demo/echo", "{}", "--raw"), "--raw is for");
        assertUsage(run(List.of("alknet", "ops", url), "call", "/head/demo/echo", "{}", "--user", "x"),
                "not for WebSocket");
        assertUsage(run(List.of("alknet", "ops", url), "call", "/head/demo/echo", "{}", "--tls-pin",
                "SHA256:AAAA"), "need a wss:// URL");
        assertUsage(run(List.of("alknet", "ops", url + "?token=x"), "ops"), "no user, query or fragment");
    }

    private static void assertUsage(Cli.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message);
    }

    @Test
    void theHeadShowsItsCallGraph() {
        assertThat(run(rawOps, "call", "/head/demo/echo", "{\"x\": 1}").exitCode()).isZero();
        Cli.Result graph = run(rawOps, "call", "/head/flow/calls", "{}");
        Cli.Result dot = run(rawOps, "call", "/head/flow/calls", "{\"format\": \"dot\"}");

        assertThat(graph.exitCode()).as(graph.err()).isZero();
        JsonNode nodes = JsonText.parse("graph", graph.out()).get("nodes");
        assertThat(nodes.valueStream().filter(n -> n.get("operation_id").stringValue().equals("/head/demo/echo")))
                .singleElement().satisfies(n -> {
                    assertThat(n.get("status").stringValue()).isEqualTo("completed");
                    assertThat(n.get("identity_id").stringValue()).startsWith("SHA256:");
                    assertThat(n.get("input").isNull()).as("inputs are not kept").isTrue();
                });
        assertThat(JsonText.parse("dot", dot.out()).get("dot").stringValue()).startsWith("digraph");
    }

    @Test
    void callOverRawFramingPrintsTheOutput() {
        Cli.Result compact = run(rawOps, "call", "/head/demo/echo", "{\"a\": [1, 2]}");
        Cli.Result pretty = run(rawOps, "call", "/head/demo/echo", "{\"a\": [1, 2]}", "--pretty");

        assertThat(compact.exitCode()).as(compact.err()).isZero();
        assertThat(compact.out()).isEqualTo("{\"a\":[1,2]}\n");
        assertThat(pretty.out().lines().count()).isGreaterThan(1);
        assertThat(JsonText.parse("output", pretty.out())).isEqualTo(JsonText.parse("output", compact.out()));
    }

    @Test
    void opsShowsTheSchemaOfOneOperation() {
        Cli.Result result = run(rawOps, "ops", "--schema", "/head/demo/ticks");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(JsonText.parse("output", result.out()).at("/input_schema/properties/interval_ms/maximum").asInt())
                .isEqualTo(60000);
    }

    @Test
    void aCallErrorIsItsCodeAndMessageOnOneLineAndExitCodeOne() {
        Cli.Result result = run(rawOps, "call", "/nowhere/op", "{}");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString().startsWith("OPERATION_NOT_FOUND: ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefusedOverRawFraming() {
        Path stranger = dir.resolve("stranger");
        OpenSshKeyPair.generateEd25519("stranger").write(stranger);

        Cli.Result result = run(rawOps, "ops", "--identity", stranger.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString().startsWith("ACCESS_DENIED: ");
    }

    @Test
    void aSubscriptionPrintsOneLinePerItemUntilItCompletes() {
        Cli.Result result = run(rawOps, "call", "/head/demo/ticks", "{\"count\": 3, \"interval_ms\": 0}",
                "--subscribe");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("{\"tick\":1}\n{\"tick\":2}\n{\"tick\":3}\n");
    }

    @Test
    void anEndlessSubscriptionStopsOnTheStopSignalWithExitCodeZero() throws Exception {
        Cli callCli = new Cli();
        LineSink out = new LineSink();
        List<String> args = new ArrayList<>(rawOps.subList(1, rawOps.size()));
        args.set(0, "call");
        args.addAll(List.of("/head/demo/ticks", "{\"interval_ms\": 10}", "--subscribe", "--data-dir", dir.toString()));
        CompletableFuture<Integer> call = callCli.start(out, new LineSink(), args.toArray(String[]::new));

        out.await(l -> l.equals("{\"tick\":2}"));
        callCli.stop();

        assertThat(call.get(60, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void opsOverTheSshControlChannel() {
        Cli.Result result = run(sshOps, "ops", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(JsonText.parse("output", result.out()).path("operations").findValuesAsString("name"))
                .contains("/head/demo/echo", "/services/list");
    }

    /** The printed raw line as {@code alknet call /head/storage/OP INPUT}; fails the test unless it answers. */
    private String storage(String op, String input) {
        Cli.Result result = run(rawOps, "call", "/head/storage/" + op, input);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out();
    }

    @Test
    void aStorageWatchSeesNodesLiveAndAShutdownEndsItAndClosesStorageCleanly() throws Exception {
        assertThat(serveOut.await(l -> l.startsWith("alknet serve: storage operations")))
                .isEqualTo("alknet serve: storage operations /head/storage/... on sqlite");
        String typeId = JsonText.parse("type", storage("createGraphType", "{\"name\": \"t\"}")).get("id")
                .stringValue();
        storage("createNodeType", "{\"graph_type_id\": \"" + typeId + "\", \"name\": \"n\"}");
        String graphId = JsonText.parse("graph", storage("createGraph", "{\"graph_type_id\": \"" + typeId
                + "\", \"name\": \"g\"}")).get("id").stringValue();
        List<String> watch = new ArrayList<>(rawOps.subList(1, rawOps.size()));
        watch.set(0, "call");
        watch.addAll(List.of("/head/storage/watchGraph", "{\"graph_id\": \"" + graphId + "\", \"consumer\": \"cli\"}",
                "--subscribe", "--data-dir", dir.toString()));
        LineSink items = new LineSink();
        CompletableFuture<Integer> watching = new Cli().start(items, new LineSink(), watch.toArray(String[]::new));

        storage("addNode", "{\"graph_id\": \"" + graphId + "\", \"type\": \"n\", \"key\": \"k1\"}");
        String item = items.await(l -> l.contains("node.created"));
        assertThat(JsonText.parse("item", item).get("payload").get("key").stringValue()).isEqualTo("k1");

        serveCli.stop();
        assertThat(serve.get(60, TimeUnit.SECONDS)).as(serveOut.text()).isZero();
        watching.get(60, TimeUnit.SECONDS);
        try (StorageService reopened = StorageService.open(StorageConfig.inDataDir(dir))) {
            String owner = reopened.metagraph().graph(graphId).orElseThrow().ownerId();
            assertThat(reopened.metagraph().node(graphId, "k1")).isPresent();
            assertThat(reopened.streams().offset("graph:" + graphId, "call:" + owner + ":cli"))
                    .as("the event sent was committed").isEqualTo(1);
        }
    }
}
