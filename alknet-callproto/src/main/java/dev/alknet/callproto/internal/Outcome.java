package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallException;
import tools.jackson.databind.JsonNode;

/** Where a finished handler reports: frames for remote callers, a future for nested local calls. */
public interface Outcome {

    void responded(JsonNode output);

    /** A subscription handler returned. */
    void completed();

    void failed(CallException error);
}
