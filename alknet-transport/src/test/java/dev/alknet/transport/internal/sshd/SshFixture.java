package dev.alknet.transport.internal.sshd;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/** A MINA server and client, both on the bridge, with keys generated for the test and forwarding allowed. */
final class SshFixture implements AutoCloseable {

    final KeyPair userKey = newKey();
    final Set<PublicKey> authorized = new CopyOnWriteArraySet<>(Set.of(userKey.getPublic()));
    final SshServer server;
    final SshClient client;

    SshFixture(NettyIoServiceFactoryFactory serverIo, NettyIoServiceFactoryFactory clientIo) throws Exception {
        server = SshServer.setUpDefaultServer();
        server.setIoServiceFactoryFactory(serverIo);
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(newKey()));
        server.setPublickeyAuthenticator((user, key, session) ->
                authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        server.start();

        client = SshClient.setUpDefaultClient();
        client.setIoServiceFactoryFactory(clientIo);
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        // A MINA client refuses forwarded-tcpip (-R traffic) unless its filter allows it.
        client.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        client.start();
    }

    SshFixture() throws Exception {
        this(NettyIoServiceFactoryFactory.create(), NettyIoServiceFactoryFactory.create());
    }

    int port() {
        return server.getPort();
    }

    ClientSession login() throws Exception {
        ClientSession session = client.connect("tester", "127.0.0.1", port())
                .verify(Loopback.GUARD).getSession();
        session.addPublicKeyIdentity(userKey);
        session.auth().verify(Loopback.GUARD);
        return session;
    }

    static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
        server.stop(true);
    }
}
