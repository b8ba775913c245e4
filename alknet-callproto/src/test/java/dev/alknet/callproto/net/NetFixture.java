package dev.alknet.callproto.net;

import dev.alknet.auth.ConfigIdentityProvider;
import dev.alknet.auth.OpenSshKeyPair;
import dev.alknet.auth.TokenSigner;
import dev.alknet.callproto.AccessControl;
import dev.alknet.callproto.Head;
import dev.alknet.callproto.OperationRegistry;
import dev.alknet.core.config.ConfigLoader;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.InterfaceKind;
import dev.alknet.core.config.ListenerConfig;
import dev.alknet.core.config.TlsFiles;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.TransportKind;
import dev.alknet.transport.ClientTls;
import dev.alknet.transport.TlsClientSettings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keys and config as an operator writes them: a worker key with {@code worker:register}, a client key with
 * {@code ops}, tokens on; a head registry with one unrestricted operation, and a worker registry with a restricted
 * read, a subscription and a call that runs until it is aborted.
 */
final class NetFixture {

    static final Duration GUARD = Duration.ofSeconds(20);

    final OpenSshKeyPair workerKey = OpenSshKeyPair.generateEd25519("worker");
    final OpenSshKeyPair clientKey = OpenSshKeyPair.generateEd25519("client");
    final OpenSshKeyPair strangerKey = OpenSshKeyPair.generateEd25519("stranger");
    final ConfigReloadHandle config;
    final ConfigIdentityProvider identities;
    final OperationRegistry headOps = OperationRegistry.create()
            .query("/head/jobs/list", spec -> { }, (input, env) -> json("{\"jobs\": [\"j1\"]}"));
    final Head head = Head.builder(headOps).start();
    final CompletableFuture<Void> slowStarted = new CompletableFuture<>();
    /** Completes when the worker's slow call was cancelled, i.e. an abort crossed the head. */
    final CompletableFuture<Void> slowCancelled = new CompletableFuture<>();
    final OperationRegistry workerOps = OperationRegistry.create()
            .query("/files/read", spec -> spec.access(AccessControl.anyOf("ops")),
                    (input, env) -> json("{\"text\": \"hello " + input.get("name").stringValue() + "\", \"as\": \""
                            + env.identity().id() + "\"}"))
            .subscription("/logs/tail", spec -> spec.access(AccessControl.anyOf("ops")), (input, env, sink) -> {
                for (int i = 0; i < input.get("n").intValue(); i++) {
                    sink.emit(json("{\"line\": " + i + "}"));
                }
            })
            .query("/jobs/slow", spec -> { }, (input, env) -> {
                slowStarted.complete(null);
                try {
                    new CountDownLatch(1).await(GUARD.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    slowCancelled.complete(null);
                }
                return null;
            });

    NetFixture(Path dir) throws Exception {
        Path file = dir.resolve("alknet.toml");
        Files.writeString(file, """
                [auth]
                default_scopes = []

                [[auth.keys]]
                key = "%s"
                scopes = ["worker:register"]

                [[auth.keys]]
                key = "%s"
                scopes = ["ops"]

                [auth.token]
                enabled = true
                """.formatted(workerKey.publicKey().toLine(), clientKey.publicKey().toLine()));
        config = new ConfigReloadHandle(ConfigLoader.load(file).dynamicConfig());
        identities = new ConfigIdentityProvider(config);
    }

    static ListenerConfig rawTcp() {
        return ListenerConfig.builder().interfaceKind(InterfaceKind.RAW).listen(new HostPort("127.0.0.1", 0))
                .build();
    }

    static ListenerConfig rawTls() {
        return ListenerConfig.builder().interfaceKind(InterfaceKind.RAW).transport(TransportKind.TLS)
                .listen(new HostPort("127.0.0.1", 0)).tls(new TlsFiles(tls("server.cert.pem"), tls("server.key.pem")))
                .build();
    }

    static ClientTls trustingTestCa() throws Exception {
        return ClientTls.create(TlsClientSettings.builder().trustCaFile(tls("ca.cert.pem")).build());
    }

    static TokenSigner signer(OpenSshKeyPair key) {
        return TokenSigner.of(key);
    }

    static ObjectNode json(String text) {
        return (ObjectNode) FrameCodec.jsonMapper().readTree(text);
    }

    private static Path tls(String name) {
        try {
            return Path.of(NetFixture.class.getResource("tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
