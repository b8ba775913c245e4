package dev.alknet.storage.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Notifications on SQLite, which has no server to carry them: every {@code StorageService} of this JVM that has the
 * same database file open hears them; other processes do not.
 */
final class LocalNotifications {

    private static final Map<Path, Set<BiConsumer<String, String>>> BY_FILE = new ConcurrentHashMap<>();

    private LocalNotifications() {
    }

    /** @param file absolute and normalized, so two spellings of one path meet */
    static AutoCloseable listen(Path file, BiConsumer<String, String> sink) {
        BY_FILE.computeIfAbsent(file, k -> ConcurrentHashMap.newKeySet()).add(sink);
        return () -> BY_FILE.computeIfPresent(file, (k, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
        });
    }

    static void send(Path file, String channel, String payload) {
        BY_FILE.getOrDefault(file, Set.of()).forEach(sink -> sink.accept(channel, payload));
    }
}
