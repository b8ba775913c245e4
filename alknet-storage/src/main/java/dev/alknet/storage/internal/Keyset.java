package dev.alknet.storage.internal;

import dev.alknet.storage.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A keyset query being built: a select, its filters so far and their parameters, then one page of it ordered by a
 * column that is unique within the filter ({@code WHERE column > cursor ORDER BY column LIMIT n}), so a page costs the
 * same however deep it starts and paging on while others write neither repeats nor skips a row.
 */
final class Keyset {

    private final String collation;
    private final StringBuilder sql;
    private final List<Object> params = new ArrayList<>();

    /**
     * @param collation appended to the column in the comparison and the order (matching the index's collation)
     * @param select a select with a {@code WHERE} clause that the filters extend
     */
    Keyset(String collation, String select, Object... params) {
        this.collation = collation;
        this.sql = new StringBuilder(select);
        this.params.addAll(List.of(params));
    }

    void and(String condition, Object... values) {
        sql.append(" AND ").append(condition);
        params.addAll(List.of(values));
    }

    /**
     * Up to {@code limit} rows after {@code after} (from the first when null) by {@code column}; one more row is read
     * to learn whether a next page exists. The statement is built afresh on each call, so a retried read runs the
     * same one.
     *
     * @param cursor the column's value of a mapped row, which becomes {@link Page#next()}
     */
    <T> Page<T> page(Connection c, String column, String after, int limit, Sql.Row<T> row,
            Function<T, String> cursor) throws SQLException {
        String ordered = column + collation;
        String query = sql + (after == null ? "" : " AND " + ordered + " > ?") + " ORDER BY " + ordered + " LIMIT ?";
        List<Object> values = new ArrayList<>(params);
        if (after != null) {
            values.add(after);
        }
        values.add(limit + 1);
        List<T> rows = Sql.list(c, query, row, values.toArray());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, cursor.apply(items.get(limit - 1)));
    }
}
