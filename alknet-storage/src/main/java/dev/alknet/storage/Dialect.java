package dev.alknet.storage;

/** The SQL databases storage runs on; chosen by the JDBC URL. */
public enum Dialect {
    /** Embedded, one file per database; the default. */
    SQLITE("jdbc:sqlite:"),
    /** A server, for deployments that outgrow one machine. */
    POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    Dialect(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    /** @throws IllegalArgumentException when the URL is for neither database */
    public static Dialect of(String jdbcUrl) {
        for (Dialect d : values()) {
            if (jdbcUrl.regionMatches(true, 0, d.urlPrefix, 0, d.urlPrefix.length())) {
                return d;
            }
        }
        throw new IllegalArgumentException("storage needs a jdbc:sqlite: or jdbc:postgresql: URL, got one starting "
                + (jdbcUrl.indexOf(':', 5) > 0 ? jdbcUrl.substring(0, jdbcUrl.indexOf(':', 5) + 1) : "otherwise"));
    }
}
