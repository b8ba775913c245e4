package dev.alknet.auth;

import dev.alknet.auth.internal.AddressPatterns;
import dev.alknet.auth.internal.ExpiryTimes;
import dev.alknet.auth.internal.LogValues;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The options in front of an authorized_keys key, with OpenSSH's meaning (sshd(8), AUTHORIZED_KEYS FILE FORMAT).
 * alknet honours {@code cert-authority}, {@code from=}, {@code expiry-time=}, {@code principals=} (on CA lines) and
 * the port-forwarding switches ({@code no-port-forwarding}, {@code restrict}, {@code port-forwarding} and its alias
 * {@code permit-port-forwarding}, {@code permitopen=}); {@code command=} and {@code no-pty} are kept for the server
 * (which runs no shell anyway); the other OpenSSH options are accepted and have no effect. Unknown options are
 * errors, as in OpenSSH.
 */
public final class KeyOptions {

    private static final Set<String> FLAGS = Set.of(
            "cert-authority", "restrict", "no-port-forwarding", "port-forwarding", "permit-port-forwarding",
            "no-agent-forwarding", "agent-forwarding", "no-x11-forwarding", "x11-forwarding", "no-pty", "pty",
            "no-user-rc", "user-rc", "no-touch-required");
    private static final Set<String> VALUED = Set.of(
            "command", "environment", "expiry-time", "from", "permitopen", "permitlisten", "principals", "tunnel");
    private static final Pattern PORT = Pattern.compile("\\*|[0-9]{1,5}");
    private static final KeyOptions NONE = new KeyOptions(Set.of(), null, List.of(), null, null, List.of(), null);

    private final Set<String> names;
    private final AddressPatterns from;
    private final List<String> fromPatterns;
    private final Set<String> principals;
    private final Instant expiryTime;
    private final List<String> permitOpen;
    private final String command;

    private KeyOptions(Set<String> names, AddressPatterns from, List<String> fromPatterns, Set<String> principals,
            Instant expiryTime, List<String> permitOpen, String command) {
        this.names = names;
        this.from = from;
        this.fromPatterns = fromPatterns;
        this.principals = principals;
        this.expiryTime = expiryTime;
        this.permitOpen = permitOpen;
        this.command = command;
    }

    /** No options: a plain key line. */
    public static KeyOptions none() {
        return NONE;
    }

    /**
     * Validates the options MINA parsed from one line.
     *
     * @param parsed option name to value, {@code "true"} for options without a value (MINA's convention)
     * @param line the raw line, to tell {@code from} from {@code from="true"}
     * @throws IllegalArgumentException naming the option and what is wrong with it
     */
    static KeyOptions parse(Map<String, String> parsed, String line, ZoneId zone) {
        if (parsed.isEmpty()) {
            return NONE;
        }
        Set<String> names = new TreeSet<>();
        AddressPatterns from = null;
        List<String> fromPatterns = List.of();
        Set<String> principals = null;
        Instant expiry = null;
        List<String> permitOpen = List.of();
        String command = null;
        for (Map.Entry<String, String> option : parsed.entrySet()) {
            String name = option.getKey().toLowerCase(Locale.ROOT);
            String value = option.getValue();
            names.add(name);
            if (FLAGS.contains(name)) {
                if (!"true".equals(value)) {
                    throw new IllegalArgumentException("option " + name + " takes no value");
                }
                continue;
            }
            if (name.equals("verify-required")) {
                throw new IllegalArgumentException("option verify-required needs a FIDO security key, which alknet "
                        + "does not support");
            }
            if (!VALUED.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + LogValues.printable(name) + "'");
            }
            if (value.isEmpty() || ("true".equals(value) && !hasExplicitValue(line, name))) {
                throw new IllegalArgumentException("option " + name + " needs a value (" + name + "=\"...\")");
            }
            switch (name) {
                case "from" -> {
                    from = AddressPatterns.parse(value);
                    fromPatterns = Arrays.stream(value.split(",")).map(String::strip).toList();
                }
                case "principals" -> principals = parsePrincipals(value);
                case "expiry-time" -> expiry = ExpiryTimes.parse(value, zone);
                case "permitopen" -> permitOpen = parsePermitOpen(value);
                case "permitlisten" -> checkEach(value, "permitlisten", KeyOptions::isListenSpec);
                case "tunnel" -> checkEach(value, "tunnel", v -> v.chars().allMatch(Character::isDigit));
                case "environment" -> checkEach(value.substring(0, value.indexOf(',') < 0 ? value.length()
                        : value.indexOf(',')), "environment", v -> v.indexOf('=') > 0);
                case "command" -> command = value;
                default -> throw new IllegalStateException("unhandled option " + name);
            }
        }
        if (principals != null && !names.contains("cert-authority")) {
            throw new IllegalArgumentException("option principals= only applies to cert-authority lines");
        }
        return new KeyOptions(Collections.unmodifiableSet(names), from, fromPatterns, principals, expiry, permitOpen,
                command);
    }

    /** The lower-case names of all options present. */
    public Set<String> names() {
        return names;
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    /** The line trusts a certificate authority; it never authenticates the key itself. */
    public boolean certAuthority() {
        return has("cert-authority");
    }

    /** The {@code from=} patterns, empty when the line has none. */
    public List<String> fromPatterns() {
        return fromPatterns;
    }

    /** False when {@code from=} is present and {@code clientIp} (null without an IP transport) does not match it. */
    public boolean allowsAddress(InetAddress clientIp) {
        return from == null || from.allows(clientIp);
    }

    /** The {@code principals=} list of a cert-authority line. */
    public Optional<Set<String>> principals() {
        return Optional.ofNullable(principals);
    }

    public Optional<Instant> expiryTime() {
        return Optional.ofNullable(expiryTime);
    }

    /** OpenSSH lets a key be used up to and including its expiry time. */
    public boolean isExpired(Instant now) {
        return expiryTime != null && now.isAfter(expiryTime);
    }

    /**
     * Whether the line allows port forwarding: not after {@code no-port-forwarding}, and after {@code restrict}
     * only with {@code port-forwarding} (or {@code permit-port-forwarding}) also given. Order on the line does not
     * matter (MINA's parser does not keep it); a contradiction resolves to "not permitted".
     */
    public boolean portForwarding() {
        if (has("no-port-forwarding")) {
            return false;
        }
        return !has("restrict") || has("port-forwarding") || has("permit-port-forwarding");
    }

    /** {@code permitopen=} destinations ({@code host:port}); empty means no such restriction. */
    public List<String> permitOpen() {
        return permitOpen;
    }

    /** The forced command of {@code command=}. */
    public Optional<String> command() {
        return Optional.ofNullable(command);
    }

    /** Whether a pty may be allocated (alknet never allocates one; kept for completeness of the options). */
    public boolean pty() {
        return !has("no-pty") && (!has("restrict") || has("pty"));
    }

    @Override
    public String toString() {
        return "KeyOptions" + names;
    }

    private static boolean hasExplicitValue(String line, String name) {
        return Pattern.compile("(?i)(?:^|,)\\s*" + Pattern.quote(name) + "\\s*=").matcher(line).find();
    }

    private static Set<String> parsePrincipals(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String principal : value.split(",", -1)) {
            String trimmed = principal.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("option principals= has an empty name");
            }
            out.add(trimmed);
        }
        return Collections.unmodifiableSet(out);
    }

    private static List<String> parsePermitOpen(String value) {
        List<String> out = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
        for (String spec : out) {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0 || !PORT.matcher(spec.substring(colon + 1)).matches()) {
                throw new IllegalArgumentException("permitopen '" + LogValues.printable(spec) + "' is not host:port");
            }
        }
        return out;
    }

    private static boolean isListenSpec(String spec) {
        return PORT.matcher(spec.substring(spec.lastIndexOf(':') + 1)).matches();
    }

    private static void checkEach(String value, String name, java.util.function.Predicate<String> valid) {
        for (String item : value.split(",", -1)) {
            if (!valid.test(item.strip())) {
                throw new IllegalArgumentException("option " + name + "='" + LogValues.printable(item) + "' is invalid");
            }
        }
    }
}
