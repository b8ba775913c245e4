package dev.alknet.auth;

/** A line of an authorized_keys file that cannot be used; the message names the source, the line and the problem. */
public class AuthorizedKeysException extends IllegalArgumentException {

    private final String source;
    private final int lineNumber;
    private final String problem;

    public AuthorizedKeysException(String source, int lineNumber, String problem) {
        super(source + " line " + lineNumber + ": " + problem);
        this.source = source;
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public int lineNumber() {
        return lineNumber;
    }

    /** What is wrong, without the source and line prefix. */
    public String problem() {
        return problem;
    }
}
