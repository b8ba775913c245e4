package dev.alknet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Reads every page of a keyset query, checking each page's shape on the way. */
final class PageWalk {

    /** The order pages come in: by Unicode code point (not by UTF-16 unit, which differs above U+FFFF). */
    static final Comparator<String> BY_CODE_POINT = (a, b) -> Arrays.compare(a.codePoints().toArray(),
            b.codePoints().toArray());

    private PageWalk() {
    }

    /**
     * @param page the page after a cursor ({@code null} for the first)
     * @param limit the query's limit, which no page may exceed and every page but the last fills
     */
    static <T> List<T> all(Function<String, Page<T>> page, int limit) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> p = page.apply(cursor);
            assertThat(p.items()).hasSizeLessThanOrEqualTo(limit);
            if (p.next() != null) {
                assertThat(p.items()).hasSize(limit);
            }
            items.addAll(p.items());
            cursor = p.next();
        } while (cursor != null);
        return items;
    }
}
