package dev.alknet.host;

/**
 * The operator asked for something that cannot work: a bad flag value, a bad config file, a missing key file.
 * Reported as one line on stderr with exit code 2; the message says what to change.
 */
final class UsageError extends RuntimeException {

    UsageError(String message) {
        super(message);
    }

    UsageError(String message, Throwable cause) {
        super(message, cause);
    }
}
