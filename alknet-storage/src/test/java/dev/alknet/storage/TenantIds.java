package dev.alknet.storage;

import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Tenant ids for properties: valid ones, UUIDs, and hostile ones (path traversal, quotes, unicode, very long). */
final class TenantIds {

    /** The model: what storage must accept as a tenant id, decided independently of its code. */
    static final Pattern VALID = Pattern.compile("[a-z0-9-]{1,40}");

    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-";

    private TenantIds() {
    }

    static Arbitrary<String> any() {
        Arbitrary<String> valid = Arbitraries.strings().withChars(ID_CHARS.toCharArray()).ofMinLength(1)
                .ofMaxLength(40);
        Arbitrary<String> hostilePiece = Arbitraries.of("../", "..", "/", "\\", ".", "\"", "'", "';--", " ", "\t",
                "%2e%2e%2f", "\u0000", "\n", "caf\u00e9", "\uD83D\uDE00", "\uD800", "\u202E", "A", "Z", "_", ":", "*",
                "?", "$1", "tenant_x\"; DROP SCHEMA public CASCADE; --");
        Arbitrary<String> hostile = Combinators.combine(valid.injectNull(0.3), hostilePiece, valid.injectNull(0.5))
                .as((a, h, b) -> (a == null ? "" : a) + h + (b == null ? "" : b));
        Arbitrary<String> tooLong = Arbitraries.strings().withChars(ID_CHARS.toCharArray()).ofMinLength(41)
                .ofMaxLength(400);
        return Arbitraries.frequencyOf(
                Tuple.of(3, valid),
                Tuple.of(1, Arbitraries.create(() -> UUID.randomUUID().toString())),
                Tuple.of(4, hostile),
                Tuple.of(1, tooLong),
                Tuple.of(1, Arbitraries.of("")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(60)));
    }
}
