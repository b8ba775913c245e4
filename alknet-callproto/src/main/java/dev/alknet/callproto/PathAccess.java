package dev.alknet.callproto;

import dev.alknet.core.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Access rules by operation path, checked on every untrusted call in addition to the operation's own
 * {@link AccessControl}: a head can restrict whole nodes or services ({@code /dev1/*}, {@code /*}{@code /bash/*})
 * without touching the specs its workers register. Every rule whose pattern matches the path must allow the caller;
 * a path no rule matches is governed by its spec alone. Node prefixes are routing, not a security boundary: these
 * rules are where a deployment draws one.
 *
 * <p>Patterns: {@code /}-separated segments. A literal segment matches itself (case-sensitive); {@code *} as a
 * whole segment matches any one segment, and as the last segment any one or more segments. So {@code /dev1/*}
 * covers everything under {@code /dev1}, {@code /*}{@code /fs/*} every node's {@code fs} service, and
 * {@code /head/agent/chat} exactly that operation.
 *
 * <pre>{@code
 * registry.pathAccess(PathAccess.builder()
 *         .rule("/*" + "/bash/*", AccessControl.allOf("shell"))
 *         .rule("/dev1/*", AccessControl.anyOf("dev1", "admin"))
 *         .build());
 * }</pre>
 */
public final class PathAccess {

    private static final PathAccess NONE = new PathAccess(List.of());

    private record Rule(String pattern, String[] segments, AccessControl access) {
    }

    private final List<Rule> rules;

    private PathAccess(List<Rule> rules) {
        this.rules = rules;
    }

    /** No rules: every operation is governed by its spec alone. */
    public static PathAccess none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether every rule matching {@code path} allows {@code identity}. */
    public boolean allows(String path, Identity identity) {
        for (Rule rule : rules) {
            if (matches(rule.segments(), path) && !rule.access().allows(identity)) {
                return false;
            }
        }
        return true;
    }

    /** Whether any rule matching {@code path} restricts it, so an anonymous caller is told to authenticate. */
    public boolean restricts(String path) {
        return rules.stream().anyMatch(r -> matches(r.segments(), path) && r.access().hasRestrictions());
    }

    /** Whether {@code pattern} (checked as {@link Builder#rule} checks it) covers {@code path}. */
    public static boolean matches(String pattern, String path) {
        return matches(parse(pattern), path);
    }

    private static boolean matches(String[] pattern, String path) {
        if (path == null || !path.startsWith("/")) {
            return false;
        }
        String[] segments = path.substring(1).split("/", -1);
        int last = pattern.length - 1;
        for (int i = 0; i < pattern.length; i++) {
            if (i >= segments.length) {
                return false;
            }
            if (i == last && pattern[i].equals("*")) {
                return true;
            }
            if (!pattern[i].equals("*") && !pattern[i].equals(segments[i])) {
                return false;
            }
        }
        return segments.length == pattern.length;
    }

    private static String[] parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/") || pattern.length() == 1) {
            throw new IllegalArgumentException("a path pattern starts with / and names at least one segment, got '"
                    + pattern + "'");
        }
        String[] segments = pattern.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("empty segment in path pattern '" + pattern + "'");
            }
            if (segment.contains("*") && !segment.equals("*")) {
                throw new IllegalArgumentException("'*' must be a whole segment in path pattern '" + pattern
                        + "', got '" + segment + "'");
            }
        }
        return segments;
    }

    @Override
    public String toString() {
        return rules.stream().map(r -> r.pattern() + " " + r.access()).toList().toString();
    }

    /** Collects rules; all matching rules apply, in no particular order. */
    public static final class Builder {

        private final List<Rule> rules = new ArrayList<>();

        private Builder() {
        }

        /** @throws IllegalArgumentException when the pattern is malformed (the message says how) */
        public Builder rule(String pattern, AccessControl access) {
            rules.add(new Rule(pattern, parse(pattern), Objects.requireNonNull(access, "access")));
            return this;
        }

        public PathAccess build() {
            return new PathAccess(List.copyOf(rules));
        }
    }
}
