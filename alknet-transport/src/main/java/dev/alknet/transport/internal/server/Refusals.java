package dev.alknet.transport.internal.server;

import java.util.List;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.helpers.AbstractConnectionServiceRequestHandler;
import org.apache.sshd.common.util.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What alknet refuses with a warning, being a tunnel endpoint and not a shell server: session channels (so no
 * shell, exec, subsystem, pty, env, X11 or agent requests can follow), X11 and agent channels, and Unix socket
 * forwarding. MINA would refuse them silently as unknown; these name them in the log, with the identity only.
 */
final class Refusals {

    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    private static final List<String> CHANNEL_TYPES = List.of("session", "x11", "auth-agent@openssh.com",
            "direct-streamlocal@openssh.com", "forwarded-tcpip", "forwarded-streamlocal@openssh.com");

    private static final List<String> GLOBAL_REQUESTS =
            List.of("streamlocal-forward@openssh.com", "cancel-streamlocal-forward@openssh.com");

    private Refusals() {
    }

    static List<ChannelFactory> channelFactories() {
        return CHANNEL_TYPES.stream().map(Refusals::refusingChannel).toList();
    }

    static List<RequestHandler<ConnectionService>> globalRequestHandlers() {
        return List.of(new AbstractConnectionServiceRequestHandler() {
            @Override
            public Result process(ConnectionService service, String request, boolean wantReply, Buffer buffer) {
                if (!GLOBAL_REQUESTS.contains(request)) {
                    return Result.Unsupported;
                }
                logRefusal(service.getSession(), "global request " + request);
                return Result.ReplyFailure;
            }
        });
    }

    private static ChannelFactory refusingChannel(String type) {
        return new ChannelFactory() {
            @Override
            public String getName() {
                return type;
            }

            /** No channel means MINA answers the open with a failure. */
            @Override
            public Channel createChannel(Session session) {
                logRefusal(session, type + " channel");
                return null;
            }
        };
    }

    private static void logRefusal(Session session, String what) {
        SessionState state = session.getAttribute(SessionState.KEY);
        String identity = state == null ? "" : state.identity().id();
        LOG.warn("refused {}: alknet only forwards ports identity={}", what, identity);
    }
}
