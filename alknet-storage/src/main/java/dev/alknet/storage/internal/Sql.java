package dev.alknet.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Prepared statements with positional parameters, so each store reads as its SQL. */
final class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        }
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        }
    }

    static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        return one(c, sql, rs -> true, params).isPresent();
    }

    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            bind(s, params);
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                // Untyped null: PostgreSQL infers the column type (a typed VARCHAR null would not fit BIGINT).
                s.setObject(i + 1, null);
            } else if (p instanceof String str) {
                s.setString(i + 1, str);
            } else if (p instanceof Long l) {
                s.setLong(i + 1, l);
            } else if (p instanceof Integer n) {
                s.setInt(i + 1, n);
            } else if (p instanceof Boolean b) {
                s.setBoolean(i + 1, b);
            } else {
                throw new IllegalArgumentException("unsupported SQL parameter type " + p.getClass().getName());
            }
        }
    }
}
