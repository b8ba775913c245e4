package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;

/**
 * The caller's side of a subscription: a cold, single-subscriber publisher with a bounded buffer.
 *
 * <p>Back-pressure: the reader thread puts each arriving item into the buffer and, when the buffer is full, waits
 * until the subscriber's demand drains it. While it waits the session reads nothing, so the transport's buffers fill
 * and the peer's handler blocks in {@code SubscriptionSink.emit}. Nothing is ever dropped; the price is that one
 * slow subscriber holds back every call on the same session.
 *
 * <p>Signals are delivered on the session executor, one at a time (a work-in-progress counter serialises them), so a
 * subscriber may block in {@code onNext} or make further calls without stalling the reader thread.
 */
public final class StreamPublisher implements Flow.Publisher<JsonNode>, Flow.Subscription, Pending {

    /** What the session does when the subscriber arrives and when it cancels. */
    public interface Upstream {
        /** Registers the call and sends {@code call.requested}. */
        void start(StreamPublisher publisher);

        /** Forgets the call and sends {@code call.aborted}. */
        void cancel(StreamPublisher publisher);
    }

    private final int capacity;
    private final Executor executor;
    private final Upstream upstream;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicInteger wip = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<JsonNode> items = new ArrayDeque<>();
    private Flow.Subscriber<? super JsonNode> subscriber;
    private long demand;
    private boolean completed;
    private Throwable error;
    private boolean cancelled;
    private boolean terminated;
    private int maxBuffered;

    public StreamPublisher(int capacity, Executor executor, Upstream upstream) {
        this.capacity = capacity;
        this.executor = executor;
        this.upstream = upstream;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super JsonNode> s) {
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("a call-protocol subscription has one subscriber; subscribe again"
                    + " for a second stream"));
            return;
        }
        subscriber = s;
        s.onSubscribe(this);
        upstream.start(this);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            failLocally(new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)"));
            return;
        }
        lock.lock();
        try {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        } finally {
            lock.unlock();
        }
        drain();
    }

    @Override
    public void cancel() {
        boolean live;
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            live = !completed && error == null;
            items.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        if (live) {
            upstream.cancel(this);
        }
    }

    @Override
    public void deliver(JsonNode item) throws InterruptedException {
        lock.lock();
        try {
            while (items.size() >= capacity && !cancelled && !completed && error == null) {
                notFull.await();
            }
            if (cancelled || completed || error != null) {
                return;
            }
            items.add(item);
            maxBuffered = Math.max(maxBuffered, items.size());
        } finally {
            lock.unlock();
        }
        drain();
    }

    @Override
    public void complete() {
        lock.lock();
        try {
            if (error == null) {
                completed = true;
            }
        } finally {
            lock.unlock();
        }
        drain();
    }

    @Override
    public void fail(CallException e) {
        failLocally(e);
    }

    /** The most items ever waiting in the buffer: never more than the capacity. */
    public int maxBuffered() {
        lock.lock();
        try {
            return maxBuffered;
        } finally {
            lock.unlock();
        }
    }

    private void failLocally(Throwable e) {
        boolean cancelUpstream;
        lock.lock();
        try {
            if (completed || error != null) {
                return;
            }
            error = e;
            // A bad request(n) ends the stream on this side; the peer must stop too.
            cancelUpstream = !(e instanceof CallException);
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        if (cancelUpstream) {
            upstream.cancel(this);
        }
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        try {
            executor.execute(this::drainLoop);
        } catch (RejectedExecutionException e) {
            drainLoop();
        }
    }

    private void drainLoop() {
        int missed = 1;
        do {
            while (emitOne()) {
                // keep going while there is demand and something to deliver
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Delivers one signal; false when there is nothing to deliver now. */
    private boolean emitOne() {
        JsonNode next = null;
        Throwable failure = null;
        boolean complete = false;
        lock.lock();
        try {
            if (cancelled || terminated) {
                return false;
            }
            if (demand > 0 && !items.isEmpty()) {
                next = items.poll();
                demand--;
                notFull.signal();
            } else if (error != null) {
                // Buffered items go out first while there is demand; without demand the failure is not held back.
                terminated = true;
                failure = error;
                items.clear();
            } else if (completed && items.isEmpty()) {
                terminated = true;
                complete = true;
            } else {
                return false;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            try {
                subscriber.onNext(next);
            } catch (RuntimeException e) {
                // A throwing onNext breaks rule 2.13; treat it as a cancel so the peer stops producing.
                cancel();
                return false;
            }
            return true;
        }
        if (complete) {
            subscriber.onComplete();
        } else {
            subscriber.onError(failure);
        }
        return false;
    }
}
