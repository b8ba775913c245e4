package dev.alknet.host;

import dev.alknet.core.config.ConfigException;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.ListenerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The server {@code call} and {@code ops} reach: {@code HOST:PORT} of an SSH or raw listener, or the
 * {@code ws://} / {@code wss://} URL of a WebSocket listener, as {@code alknet serve} prints it.
 *
 * @param address the listener's address; for WebSocket, the URL's host and port
 * @param webSocket the upgrade URL, {@code null} for SSH and raw framing
 */
record RemoteServer(HostPort address, URI webSocket) {

    boolean isWebSocket() {
        return webSocket != null;
    }

    boolean secure() {
        return isWebSocket() && webSocket.getScheme().equals("wss");
    }

    /** Reads {@code HOST:PORT} or a WebSocket URL; a query is refused: a token there would show in {@code ps}. */
    static RemoteServer parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("ws://") && !lower.startsWith("wss://")) {
            return new RemoteServer(HostPort.parse(text), null);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a WebSocket URL: " + e.getMessage());
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URL is ws[s]://HOST[:PORT][/PATH] (no user, query or "
                    + "fragment: the token is sent in a header)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("wss") ? 443 : 80;
        String path = uri.getRawPath().isEmpty() ? ListenerConfig.DEFAULT_WEBSOCKET_PATH : uri.getRawPath();
        URI normalized = URI.create(scheme + "://" + hostText(uri.getHost()) + ":" + port + path);
        return new RemoteServer(new HostPort(uri.getHost().replaceAll("^\\[|]$", ""), port), normalized);
    }

    private static String hostText(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** picocli's converter for the SERVER parameter. */
    static final class Value implements ITypeConverter<RemoteServer> {
        @Override
        public RemoteServer convert(String text) {
            try {
                return parse(text);
            } catch (ConfigException e) {
                throw new TypeConversionException(e.reason());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
