package dev.alknet.auth;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/** An SLF4J logger that keeps the INFO messages it is given, so tests can read the exact lines. */
final class RecordingLogger {

    private final List<String> lines = new ArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class}, (proxy, method, args) -> switch (method.getName()) {
                case "isInfoEnabled" -> true;
                case "getName" -> AuthLog.LOGGER_NAME;
                case "info" -> {
                    if (args.length != 1 || !(args[0] instanceof String line)) {
                        throw new AssertionError("AuthLog must log one pre-formatted string, got " + method);
                    }
                    lines.add(line);
                    yield null;
                }
                case "toString" -> "RecordingLogger";
                default -> throw new AssertionError("unexpected logger call " + method);
            });

    Logger logger() {
        return logger;
    }

    List<String> lines() {
        return lines;
    }
}
