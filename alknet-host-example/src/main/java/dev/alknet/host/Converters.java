package dev.alknet.host;

import dev.alknet.callproto.OperationSpec;
import dev.alknet.core.TransportKind;
import dev.alknet.core.config.ConfigException;
import dev.alknet.core.config.HostPort;
import dev.alknet.core.config.OutboundProxy;
import dev.alknet.transport.LocalForward;
import dev.alknet.transport.RemoteForward;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Flag values parsed by the library's own parsers, so a flag accepts exactly what the config file does; their
 * messages become picocli's "Invalid value for option" line.
 */
final class Converters {

    private Converters() {
    }

    /** Runs a library parser, turning its message into picocli's. */
    private static <T> T converted(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (ConfigException e) {
            throw new TypeConversionException(e.reason());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static final class HostPortValue implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String text) {
            return converted(text, HostPort::parse);
        }
    }

    /** {@code [bind:]port}: a bare port binds the loopback address, as {@code ssh -D} does. */
    static final class LoopbackDefaultHostPort implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String text) {
            return new HostPortValue().convert(text.chars().allMatch(Character::isDigit) ? "127.0.0.1:" + text : text);
        }
    }

    static final class ProxyValue implements ITypeConverter<OutboundProxy> {
        @Override
        public OutboundProxy convert(String text) {
            return converted(text, OutboundProxy::parse);
        }
    }

    /** Only what alknet-java carries: the spec's iroh gets an explanation rather than "unknown value". */
    static final class TransportValue implements ITypeConverter<TransportKind> {
        @Override
        public TransportKind convert(String text) {
            TransportKind kind;
            try {
                kind = TransportKind.parse(text);
            } catch (IllegalArgumentException e) {
                kind = null;
            }
            if (kind == TransportKind.IROH) {
                throw new TypeConversionException("iroh transport is not supported by alknet-java; use tcp or tls");
            }
            if (kind != TransportKind.TCP && kind != TransportKind.TLS) {
                throw new TypeConversionException("'" + text + "' is not a transport; use tcp or tls");
            }
            return kind;
        }
    }

    static final class LoginSourceValue implements ITypeConverter<ServeLogins.Source> {
        @Override
        public ServeLogins.Source convert(String text) {
            for (ServeLogins.Source source : ServeLogins.Source.values()) {
                if (source.name().equalsIgnoreCase(text)) {
                    return source;
                }
            }
            throw new TypeConversionException("'" + text + "' is not a source of identities; use config or storage");
        }
    }

    /** A path segment, as the head's own operations are {@code /{node}/{service}/{op}}. */
    static final class NodeNameValue implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                OperationSpec.checkPath("/" + text + "/x");
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("node name '" + text + "' must be 1-64 letters, digits, '_', '.'"
                        + " or '-' starting with a letter or digit");
            }
            return text;
        }
    }

    static final class LocalForwardValue implements ITypeConverter<LocalForward> {
        @Override
        public LocalForward convert(String text) {
            return converted(text, LocalForward::parse);
        }
    }

    static final class RemoteForwardValue implements ITypeConverter<RemoteForward> {
        @Override
        public RemoteForward convert(String text) {
            return converted(text, RemoteForward::parse);
        }
    }

    /** A positive age: {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, or ISO-8601 ({@code P7D}, {@code PT1H30M}). */
    static final class AgeValue implements ITypeConverter<Duration> {

        private static final Pattern SHORT = Pattern.compile("(\\d{1,12})([smhd])");
        private static final Map<String, ChronoUnit> UNITS = Map.of("s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
                "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

        @Override
        public Duration convert(String text) {
            Duration age;
            Matcher m = SHORT.matcher(text);
            try {
                age = m.matches() ? Duration.of(Long.parseLong(m.group(1)), UNITS.get(m.group(2)))
                        : Duration.parse(text);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new TypeConversionException("'" + text + "' is not an age; use e.g. 7d, 12h, 30m, 90s or "
                        + "ISO-8601 like P7D");
            }
            if (age.isNegative() || age.isZero()) {
                throw new TypeConversionException("the age must be positive, got '" + text + "'");
            }
            return age;
        }
    }
}
