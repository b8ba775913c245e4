package dev.alknet.core.config;

import dev.alknet.core.config.internal.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which web pages may open a WebSocket session: browsers name the page's origin in the upgrade's {@code Origin}
 * header, other clients send none. A request without the header is always admitted (it is not a page, and its
 * token decides); one with it only when the origin is listed, or when the list is {@code "*"}. By default no page
 * is: a page on any site could otherwise open a session from a visitor's browser, anonymous or with a token the
 * page got hold of (cross-site WebSocket hijacking).
 *
 * @param origins normalized origins ({@code scheme://host[:port]}, lower case, default port dropped)
 * @param any every origin is admitted ({@code "*"})
 */
public record OriginPolicy(Set<String> origins, boolean any) {

    private static final OriginPolicy NO_PAGES = new OriginPolicy(Set.of(), false);

    public OriginPolicy {
        origins = Collections.unmodifiableSet(new LinkedHashSet<>(origins));
    }

    /** No page may open a session; clients that send no {@code Origin} may. */
    public static OriginPolicy noPages() {
        return NO_PAGES;
    }

    /**
     * @param entries {@code "*"} or origins such as {@code https://app.example} or {@code http://localhost:3000}
     * @throws ConfigException naming the entry ({@code [i]}) and what is wrong with it
     */
    public static OriginPolicy of(List<String> entries) {
        Set<String> origins = new LinkedHashSet<>();
        boolean any = false;
        for (int i = 0; i < entries.size(); i++) {
            String entry = Objects.requireNonNull(entries.get(i), "origin");
            if (entry.equals("*")) {
                any = true;
            } else {
                try {
                    origins.add(normalize(entry));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("[" + i + "]", e.getMessage());
                }
            }
        }
        if (any && !origins.isEmpty()) {
            throw new ConfigException("", "\"*\" admits every origin; list origins or \"*\", not both");
        }
        return new OriginPolicy(origins, any);
    }

    /** @param origin the request's {@code Origin} header, {@code null} when it has none */
    public boolean admits(String origin) {
        if (origin == null || any) {
            return true;
        }
        try {
            return origins.contains(normalize(origin.strip()));
        } catch (IllegalArgumentException e) {
            // "null" (sandboxed frames, file: pages) and garbage are no listed origin.
            return false;
        }
    }

    /** The entries as written in a config file. */
    public List<String> entries() {
        return any ? List.of("*") : new ArrayList<>(origins);
    }

    /** {@code scheme://host[:port]} in lower case without a default port, as browsers send it. */
    static String normalize(String origin) {
        if (origin.isEmpty() || !origin.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("an origin is printable ASCII without spaces (international names "
                    + "in their xn-- form), got " + Printable.quote(origin));
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + Printable.quote(origin));
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("an origin is scheme://host[:port] with nothing after it, got "
                    + Printable.quote(origin));
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
