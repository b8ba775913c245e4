package dev.alknet.callproto.net.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a WebSocket upgrade request carries its token (alknet-spec §2.6.3): {@code Authorization: Bearer <token>},
 * which native clients use, or a {@code token} query parameter, the only way a browser's {@code new WebSocket(url)}
 * can send one. A URL that may hold a token is only ever logged through {@link #redact}.
 */
public final class UpgradeTokens {

    public static final String QUERY_PARAMETER = "token";

    private static final String BEARER = "Bearer ";
    private static final Pattern QUERY_TOKEN = Pattern.compile("(?<=[?&])" + QUERY_PARAMETER + "=[^&#]*");

    private UpgradeTokens() {
    }

    /**
     * The token text, from the header or else (when {@code queryAllowed}) the query; empty when neither has one.
     *
     * @throws IllegalArgumentException when the Authorization header is not a Bearer token, or the query names more
     *     than one token: a client that sent credentials must not end up anonymous
     */
    static Optional<String> find(HttpRequest request, boolean queryAllowed) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null) {
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new IllegalArgumentException("the Authorization header is not a Bearer token");
            }
            return Optional.of(header.substring(BEARER.length()).strip());
        }
        if (!queryAllowed) {
            return Optional.empty();
        }
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get(QUERY_PARAMETER);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("more than one token parameter");
        }
        return Optional.of(values.get(0));
    }

    /** {@code uri} with the value of every {@code token} query parameter replaced, fit for a log line. */
    public static String redact(String uri) {
        return QUERY_TOKEN.matcher(uri).replaceAll(QUERY_PARAMETER + "=REDACTED");
    }
}
