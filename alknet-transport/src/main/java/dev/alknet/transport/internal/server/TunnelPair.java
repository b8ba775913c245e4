package dev.alknet.transport.internal.server;

import dev.alknet.transport.Tunnel;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Two {@link Tunnel} ends joined in memory: what one writes, the other reads. A write completes when the reader
 * has taken the buffer, which is the back-pressure the Tunnel contract asks for. Used to hand the control
 * channel to its handler with the same pump as a TCP target.
 */
final class TunnelPair {

    private final Pipe firstToSecond = new Pipe();
    private final Pipe secondToFirst = new Pipe();
    private final Tunnel first = new End(secondToFirst, firstToSecond);
    private final Tunnel second = new End(firstToSecond, secondToFirst);

    Tunnel first() {
        return first;
    }

    Tunnel second() {
        return second;
    }

    /** One direction. */
    private static final class Pipe {

        private record Chunk(ByteBuf data, CompletableFuture<Void> taken) {
        }

        private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        private CompletableFuture<ByteBuf> waiting;
        private boolean ended;
        private boolean broken;

        CompletableFuture<Void> write(ByteBuf data) {
            CompletableFuture<Void> taken = new CompletableFuture<>();
            CompletableFuture<ByteBuf> reader;
            synchronized (this) {
                if (ended || broken) {
                    data.release();
                    return CompletableFuture.failedFuture(new IOException("tunnel closed for writing"));
                }
                reader = waiting;
                waiting = null;
                if (reader == null) {
                    chunks.add(new Chunk(data, taken));
                    return taken;
                }
            }
            reader.complete(data);
            taken.complete(null);
            return taken;
        }

        CompletableFuture<ByteBuf> read() {
            Chunk chunk;
            synchronized (this) {
                if (waiting != null) {
                    return CompletableFuture.failedFuture(new IllegalStateException("a read is already outstanding"));
                }
                chunk = chunks.poll();
                if (chunk == null) {
                    if (broken) {
                        return CompletableFuture.failedFuture(new IOException("tunnel closed"));
                    }
                    if (ended) {
                        return CompletableFuture.completedFuture(null);
                    }
                    waiting = new CompletableFuture<>();
                    return waiting;
                }
            }
            chunk.taken().complete(null);
            return CompletableFuture.completedFuture(chunk.data());
        }

        void end() {
            CompletableFuture<ByteBuf> reader;
            synchronized (this) {
                ended = true;
                reader = chunks.isEmpty() ? waiting : null;
                if (reader != null) {
                    waiting = null;
                }
            }
            if (reader != null) {
                reader.complete(null);
            }
        }

        void breakOff() {
            CompletableFuture<ByteBuf> reader;
            ArrayDeque<Chunk> dropped;
            synchronized (this) {
                broken = true;
                reader = waiting;
                waiting = null;
                dropped = new ArrayDeque<>(chunks);
                chunks.clear();
            }
            IOException closed = new IOException("tunnel closed");
            for (Chunk chunk : dropped) {
                chunk.data().release();
                chunk.taken().completeExceptionally(closed);
            }
            if (reader != null) {
                reader.completeExceptionally(closed);
            }
        }
    }

    private record End(Pipe in, Pipe out) implements Tunnel {

        @Override
        public CompletableFuture<ByteBuf> read() {
            return in.read();
        }

        @Override
        public CompletableFuture<Void> write(ByteBuf data) {
            return out.write(data);
        }

        @Override
        public CompletableFuture<Void> shutdownOutput() {
            out.end();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            in.breakOff();
            out.breakOff();
        }
    }
}
