package dev.alknet.transport.internal.proxy;

import dev.alknet.core.config.OutboundProxy;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import java.net.InetSocketAddress;

/** Netty's handler for the proxy protocol of an {@link OutboundProxy}. */
public final class ProxyHandlers {

    private ProxyHandlers() {
    }

    /**
     * A handler that connects to {@code resolvedProxy} instead of the address the channel is connected to, and asks
     * the proxy for that address (as a name if it is unresolved).
     */
    public static ProxyHandler create(OutboundProxy proxy, InetSocketAddress resolvedProxy, long timeoutMillis) {
        ProxyHandler handler = proxy.scheme() == OutboundProxy.Scheme.SOCKS5
                ? new Socks5ProxyHandler(resolvedProxy)
                : new HttpProxyHandler(resolvedProxy);
        handler.setConnectTimeoutMillis(timeoutMillis);
        return handler;
    }
}
