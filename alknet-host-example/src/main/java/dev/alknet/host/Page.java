package dev.alknet.host;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a storage query: up to {@code limit} items (default {@value #DEFAULT_LIMIT}, at most
 * {@value #MAX_LIMIT}) after the cursor {@code after}, ordered by the cursor field, and {@code next}, the cursor of
 * the following page or {@code null} on the last one. Items are ordered by UTF-16 code units here, not by the
 * database's collation, so the cursor means the same on SQLite and PostgreSQL.
 */
final class Page {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Page() {
    }

    /** An input with {@code limit} and {@code after}; the query adds its own fields. */
    static OpInput input() {
        return OpInput.object().optional("limit", OpInput.integer(1, MAX_LIMIT)).optional("after", OpInput.name());
    }

    static <T> ObjectNode of(JsonNode in, String field, List<T> items, Function<T, String> cursor,
            Function<T, ObjectNode> json) {
        int limit = in.path("limit").asInt(DEFAULT_LIMIT);
        String after = in.path("after").asString(null);
        List<T> rest = items.stream()
                .filter(item -> after == null || cursor.apply(item).compareTo(after) > 0)
                .sorted(Comparator.comparing(cursor))
                .limit(limit + 1L)
                .toList();
        List<T> page = rest.subList(0, Math.min(limit, rest.size()));
        ObjectNode out = StorageJson.list(field, page, json);
        out.put("next", rest.size() > limit ? cursor.apply(page.get(page.size() - 1)) : null);
        return out;
    }
}
