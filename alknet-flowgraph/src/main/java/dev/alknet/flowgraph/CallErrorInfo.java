package dev.alknet.flowgraph;

import java.util.Objects;

/** Why a call failed, as {@code call.error} says it ({@code code} from the wire vocabulary, e.g. TIMEOUT). */
public record CallErrorInfo(String code, String message) {

    public CallErrorInfo {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
