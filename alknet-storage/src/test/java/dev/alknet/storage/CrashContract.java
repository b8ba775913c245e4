package dev.alknet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 during a write loop: after restart every acknowledged write is there, every stored node is whole, the
 * stream has one event per node with no gap, and the subscriber resumes with no gap and at most the one event it
 * had handled but not yet committed delivered again.
 */
abstract class CrashContract {

    static final String CONSUMER = "crash-test";
    private static final int ACKS_BEFORE_KILL = 150;
    private static final long WAIT_SECONDS = 120;

    abstract StorageBackend backend();

    @Test
    void acknowledgedWritesSurviveSigkillAndTheStreamResumes() throws Exception {
        writesSurviveSigkill(false);
    }

    /** The same in a tenant's store, which the child opens through the system database as any user would. */
    @Test
    void acknowledgedTenantWritesSurviveSigkillAndTheStreamResumes() throws Exception {
        writesSurviveSigkill(true);
    }

    private void writesSurviveSigkill(boolean inTenant) throws Exception {
        StorageConfig config = backend().freshDatabase();
        String graphId;
        String orgId = "-";
        try (StorageService storage = StorageService.open(config)) {
            if (inTenant) {
                Account owner = storage.identities().createAccount("o@example.org", null, AccessLevel.USER,
                        Grant.none());
                orgId = storage.identities().createOrganization("Org", "org", owner.id(), Grant.none()).id();
            }
            Metagraph mg = WriteLoopMain.metagraph(storage, orgId);
            GraphType t = mg.createGraphType("crash", null, GraphRules.strictDirected(), TypeScope.USER);
            mg.createNodeType(t.id(), "n", null, "{\"type\": \"object\", \"required\": [\"i\"]}");
            graphId = mg.createGraph(t.id(), "g", null, null, null).id();
        }

        Path log = Files.createTempFile(Path.of("target"), "crash-", ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WriteLoopMain.class.getName(), config.jdbcUrl(),
                config.user() == null ? "-" : config.user(), graphId, log.toString(), orgId)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (lastAck(Files.readAllLines(log)) < ACKS_BEFORE_KILL) {
                assertThat(child.isAlive()).as("the child is writing").isTrue();
                assertThat(System.nanoTime()).as("the child is too slow").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            assertThat(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        List<String> lines = Files.readAllLines(log);
        int lastAck = lastAck(lines);
        long lastHandled = lines.stream().filter(l -> l.startsWith("HANDLED ")).mapToLong(l -> Long.parseLong(
                l.substring(8))).max().orElse(0);
        assertThat(lastAck).as("the child acknowledged writes").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (StorageService storage = StorageService.open(config)) {
            List<Node> nodes = WriteLoopMain.metagraph(storage, orgId).nodes(graphId);
            Streams streams = WriteLoopMain.streams(storage, orgId);
            int stored = nodes.size();
            assertThat(stored).as("every acknowledged write, and at most the one in flight").isBetween(lastAck + 1,
                    lastAck + 2);
            for (Node n : nodes) {
                assertThat(n.attributes().path("i").asInt()).as("whole node " + n.key())
                        .isEqualTo(Integer.parseInt(n.key().substring(1)));
                assertThat(n.attributes().path("pad").asString()).hasSize(200);
            }
            List<StreamEvent> events = streams.read(Streams.graph(graphId), 0, 1000);
            assertThat(events).extracting(StreamEvent::position)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, stored).boxed().toList());

            long committed = streams.offset(Streams.graph(graphId), CONSUMER);
            assertThat(committed).isBetween(Math.max(0, lastHandled - 1), lastHandled);
            BlockingQueue<Long> resumed = new LinkedBlockingQueue<>();
            try (StreamSubscription sub = streams.subscribe(Streams.graph(graphId), CONSUMER,
                    e -> resumed.add(e.position()), Duration.ofMillis(100))) {
                List<Long> got = new ArrayList<>();
                for (long p = committed + 1; p <= stored; p++) {
                    got.add(resumed.poll(WAIT_SECONDS, TimeUnit.SECONDS));
                }
                assertThat(got).as("resumes right after the committed offset, no gap")
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(committed + 1, stored)
                                .boxed().toList());
            }
            assertThat(committed + 1).as("at most one event handled twice").isGreaterThanOrEqualTo(lastHandled);
        }
    }

    private static int lastAck(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("ACK ")).mapToInt(l -> Integer.parseInt(l.substring(4)))
                .max().orElse(-1);
    }
}
