package dev.alknet.callproto.net.internal;

import dev.alknet.callproto.CallException;
import dev.alknet.callproto.ErrorCode;
import dev.alknet.callproto.internal.Wire;
import dev.alknet.core.AuthToken;
import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.frame.FrameWriter;
import dev.alknet.core.transport.DuplexStream;
import java.io.IOException;
import tools.jackson.databind.node.ObjectNode;

/**
 * The first-frame authentication of raw framing (docs/call-protocol.md, "Raw framing"): the client's
 * {@value #TOKEN} or {@value #ANONYMOUS} frame and the server's {@value #ACCEPTED} answer. The client side lives
 * here; the server side is {@link Admission}.
 */
public final class AuthFrames {

    public static final String TOKEN = "auth.token";
    public static final String ANONYMOUS = "auth.anonymous";
    public static final String ACCEPTED = "auth.accepted";

    private AuthFrames() {
    }

    /**
     * Presents {@code token} (anonymous when null) and waits for the answer, reading nothing beyond it.
     *
     * @throws CallException when the server refused ({@link ErrorCode#ACCESS_DENIED}) or answered out of protocol
     * @throws IOException when the connection failed or closed first
     */
    public static void present(DuplexStream stream, AuthToken token, FrameCodec codec) throws IOException {
        ObjectNode payload = FrameCodec.jsonMapper().createObjectNode();
        if (token != null) {
            payload.put("token", token.encode());
        }
        new FrameWriter(stream.output(), codec).write(new EventEnvelope(token != null ? TOKEN : ANONYMOUS, "",
                payload));
        ExactFrames.Frame answer = ExactFrames.read(stream.input(), codec);
        if (answer == null) {
            throw new IOException("the server closed the connection during authentication");
        }
        EventEnvelope envelope = answer.envelope();
        if (envelope.type().equals(Wire.ERROR)) {
            throw Wire.parseError(envelope.payload());
        }
        if (!envelope.type().equals(ACCEPTED)) {
            throw new CallException(ErrorCode.PROTOCOL_ERROR, "expected " + ACCEPTED + " from the server, got "
                    + envelope.type());
        }
    }

    static EventEnvelope accepted(String identityId) {
        ObjectNode payload = FrameCodec.jsonMapper().createObjectNode();
        payload.put("id", identityId);
        return new EventEnvelope(ACCEPTED, "", payload);
    }
}
