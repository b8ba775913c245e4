package dev.alknet.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Output another thread or process writes, read line by line as it arrives. */
final class LineSink extends Writer {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final StringBuilder all = new StringBuilder();

    /** Copies a process's stream into a new sink on a daemon thread. */
    static LineSink of(InputStream stream) {
        LineSink sink = new LineSink();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    sink.write(line + "\n");
                }
            } catch (IOException e) {
                sink.write("(stream closed: " + e.getMessage() + ")\n");
            }
        }, "line-sink");
        pump.setDaemon(true);
        pump.start();
        return sink;
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            all.append(c);
            if (c == '\n') {
                lines.add(partial.toString());
                partial.setLength(0);
            } else {
                partial.append(c);
            }
        }
    }

    @Override
    public void write(String text) {
        write(text.toCharArray(), 0, text.length());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** The next line that matches, skipping others; fails if none comes within a minute (a hang, not a timing). */
    String await(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no matching line; output so far:\n" + text());
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    synchronized String text() {
        return all.toString();
    }
}
