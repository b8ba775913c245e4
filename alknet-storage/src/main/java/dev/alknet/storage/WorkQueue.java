package dev.alknet.storage;

import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An at-least-once work queue with claim / ack / visibility timeout. A claimed job is hidden from other workers
 * until its visibility timeout ends; a worker that dies (or is too slow) loses the claim and the job is claimed
 * again, with a new claim token, so the late worker's ack is refused. Jobs are claimed oldest first. Concurrent
 * claimers never get the same job (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}; SQLite: the single writer).
 */
public interface WorkQueue {

    /** @return the job id */
    default String enqueue(String queue, JsonNode payload) {
        return enqueue(queue, payload, Duration.ZERO);
    }

    /** Adds a job that becomes claimable after {@code delay}. */
    String enqueue(String queue, JsonNode payload, Duration delay);

    /** Claims the oldest claimable job of {@code queue}, if any, for {@code visibilityTimeout}. */
    Optional<Job> claim(String queue, String worker, Duration visibilityTimeout);

    /** Completes a job: true when this claim still held it (the job is gone), false when the claim was lost. */
    boolean ack(Job job);

    /** Gives a job back, claimable again after {@code delay}; false when the claim was lost. */
    boolean release(Job job, Duration delay);

    /** Jobs in {@code queue}, claimed or not. */
    long size(String queue);
}
