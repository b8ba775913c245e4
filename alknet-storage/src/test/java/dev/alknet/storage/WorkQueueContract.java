package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.assertKind;
import static dev.alknet.storage.MetagraphContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The work queue, identical on every dialect. */
abstract class WorkQueueContract {

    private static final Duration VISIBILITY = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    StorageService storage;
    WorkQueue queue;

    abstract StorageBackend backend();

    @BeforeEach
    void open() {
        storage = StorageService.open(backend().freshDatabase(), clock);
        queue = storage.workQueue();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void jobsAreClaimedOldestFirstAndGoneOnceAcked() {
        String first = queue.enqueue("mail", json("{\"to\": \"a\"}"));
        clock.advance(Duration.ofMillis(1));
        queue.enqueue("mail", json("{\"to\": \"b\"}"));
        queue.enqueue("other", json("{}"));
        Job job = queue.claim("mail", "w1", VISIBILITY).orElseThrow();
        assertThat(job.id()).isEqualTo(first);
        assertThat(job.payload()).isEqualTo(json("{\"to\": \"a\"}"));
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(queue.ack(job)).isTrue();
        assertThat(queue.ack(job)).isFalse();
        assertThat(queue.size("mail")).isEqualTo(1);
    }

    @Test
    void aClaimedJobIsHiddenUntilItsVisibilityTimeoutEnds() {
        queue.enqueue("q", json("{}"));
        Job lost = queue.claim("q", "slow", VISIBILITY).orElseThrow();
        assertThat(queue.claim("q", "other", VISIBILITY)).isEmpty();
        clock.advance(VISIBILITY);
        Job again = queue.claim("q", "other", VISIBILITY).orElseThrow();
        assertThat(again.id()).isEqualTo(lost.id());
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(queue.ack(lost)).as("the late worker lost its claim").isFalse();
        assertThat(queue.release(lost, Duration.ZERO)).isFalse();
        assertThat(queue.ack(again)).isTrue();
        assertThat(queue.size("q")).isZero();
    }

    @Test
    void releasedAndDelayedJobsComeBackWhenTheirTimeComes() {
        queue.enqueue("q", json("{}"), Duration.ofSeconds(5));
        assertThat(queue.claim("q", "w", VISIBILITY)).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        Job job = queue.claim("q", "w", VISIBILITY).orElseThrow();
        assertThat(queue.release(job, Duration.ofSeconds(10))).isTrue();
        assertThat(queue.claim("q", "w", VISIBILITY)).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(queue.claim("q", "w", VISIBILITY)).map(Job::attempts).contains(2);
    }

    @Test
    void concurrentWorkersNeverShareAJob() throws Exception {
        int jobs = 60;
        for (int i = 0; i < jobs; i++) {
            queue.enqueue("q", json("{\"n\": " + i + "}"));
        }
        List<List<String>> claimed = TestThreads.run(4, worker -> {
            List<String> mine = new ArrayList<>();
            Optional<Job> job;
            while ((job = queue.claim("q", "w" + worker, VISIBILITY)).isPresent()) {
                mine.add(job.get().id());
                assertThat(queue.ack(job.get())).isTrue();
            }
            return mine;
        });
        Set<String> all = new HashSet<>();
        claimed.forEach(all::addAll);
        assertThat(claimed.stream().mapToInt(List::size).sum()).isEqualTo(jobs);
        assertThat(all).hasSize(jobs);
        assertThat(queue.size("q")).isZero();
    }

    @Test
    void badInputIsRejected() {
        assertKind(() -> queue.enqueue(" ", json("{}")), StorageException.Kind.INVALID)
                .hasMessageContaining("queue name");
        assertKind(() -> queue.enqueue("q", json("{}"), Duration.ofSeconds(-1)), StorageException.Kind.INVALID);
        assertKind(() -> queue.claim("q", "w", Duration.ZERO), StorageException.Kind.INVALID);
        assertThat(queue.size("q")).isZero();
    }
}
