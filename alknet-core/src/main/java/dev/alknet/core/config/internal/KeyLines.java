package dev.alknet.core.config.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The line each key and table of a TOML document starts on.
 *
 * <p>Jackson's TOML module reports lines for syntax errors only: the tree it builds carries none, so errors
 * found while reading values would have no line. This scanner recovers them with one pass over the text,
 * knowing just enough TOML to find keys: table headers (with array-of-tables numbering), dotted keys, and
 * values to skip (strings of all four kinds, multi-line arrays, inline tables, comments). It only ever sees
 * text the TOML parser has accepted, and is lenient rather than exact: a key it cannot place (inside an inline
 * table or an array of inline tables) is reported at its nearest enclosing key.
 */
public final class KeyLines {

    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, Integer> arrayTableCounts = new HashMap<>();
    private final Set<String> assignedKeys = new HashSet<>();
    private final Set<String> dottedPrefixes = new HashSet<>();
    private KeyPath duplicate;
    private int duplicateLine;
    private final String s;
    private int pos;
    private int line = 1;

    private KeyLines(String text) {
        this.s = text;
    }

    public static KeyLines scan(String text) {
        KeyLines scanner = new KeyLines(text);
        scanner.document();
        return scanner;
    }

    /** The 1-based line of {@code path} or of its nearest enclosing key that has one; 0 when none has. */
    public int lineOf(KeyPath path) {
        for (KeyPath p = path; ; p = p.parent()) {
            Integer found = lines.get(p.text());
            if (found != null) {
                return found;
            }
            if (p.isRoot()) {
                return 0;
            }
        }
    }

    /**
     * The first key assigned twice, with its line: Jackson reports a duplicate key at the position after the
     * whole value, which can be lines further down.
     */
    public Optional<KeyPath> duplicateKey() {
        return Optional.ofNullable(duplicate);
    }

    public int duplicateKeyLine() {
        return duplicateLine;
    }

    private void document() {
        KeyPath table = KeyPath.ROOT;
        while (pos < s.length()) {
            skipSpaces();
            char c = peek(0);
            if (c == '\n' || c == '\r' || c == '#') {
                skipLine();
            } else if (c == '[') {
                table = header();
                skipLine();
            } else {
                keyValue(table);
            }
        }
    }

    private KeyPath header() {
        boolean arrayTable = peek(1) == '[';
        pos += arrayTable ? 2 : 1;
        List<String> segments = key();
        KeyPath path = KeyPath.ROOT;
        for (int i = 0; i < segments.size(); i++) {
            path = path.key(segments.get(i));
            if (arrayTable && i == segments.size() - 1) {
                path = path.index(arrayTableCounts.merge(path.text(), 1, Integer::sum) - 1);
            } else {
                // A header below an array of tables, like [listeners.tls], extends its latest element.
                Integer count = arrayTableCounts.get(path.text());
                if (count != null) {
                    path = path.index(count - 1);
                }
            }
            lines.putIfAbsent(path.text(), line);
        }
        return path;
    }

    private void keyValue(KeyPath table) {
        List<String> segments = key();
        if (peek(0) != '=') {
            // Not a key after all; TOML the scanner does not understand costs a line number, nothing more.
            skipLine();
            return;
        }
        pos++;
        KeyPath path = table;
        for (int i = 0; i < segments.size(); i++) {
            path = path.key(segments.get(i));
            lines.putIfAbsent(path.text(), line);
            // Clashes: a = 1 then a = 2; a.b = 1 then a = 2; a = 1 then a.b = 2. (a.b and a.c share a freely.)
            String key = path.text();
            boolean clash;
            if (i == segments.size() - 1) {
                clash = !assignedKeys.add(key) || dottedPrefixes.contains(key);
            } else {
                dottedPrefixes.add(key);
                clash = assignedKeys.contains(key);
            }
            if (clash && duplicate == null) {
                duplicate = path;
                duplicateLine = line;
            }
        }
        value();
    }

    /** A dotted key; stops at the first character that cannot continue it ({@code =}, {@code ]}, ...). */
    private List<String> key() {
        List<String> segments = new ArrayList<>();
        while (true) {
            skipSpaces();
            char c = peek(0);
            int start = pos;
            if (c == '"' || c == '\'') {
                pos++;
                while (pos < s.length() && s.charAt(pos) != c && s.charAt(pos) != '\n') {
                    pos += s.charAt(pos) == '\\' && c == '"' ? 2 : 1;
                }
                segments.add(s.substring(start + 1, Math.min(pos, s.length())));
                pos++;
            } else {
                while (pos < s.length() && isBareKeyChar(s.charAt(pos))) {
                    pos++;
                }
                segments.add(s.substring(start, pos));
            }
            skipSpaces();
            if (peek(0) != '.') {
                return segments;
            }
            pos++;
        }
    }

    /** Skips a value up to the end of its line, following it across lines inside brackets and strings. */
    private void value() {
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                string(c);
            } else if (c == '#') {
                skipComment();
            } else if (c == '\n' && depth <= 0) {
                return;
            } else {
                if (c == '[' || c == '{') {
                    depth++;
                } else if (c == ']' || c == '}') {
                    depth--;
                }
                advance();
            }
        }
    }

    private void string(char quote) {
        boolean multiLine = peek(1) == quote && peek(2) == quote;
        pos += multiLine ? 3 : 1;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\\' && quote == '"') {
                advance();
                advance();
            } else if (c == quote && (!multiLine || (peek(1) == quote && peek(2) == quote))) {
                pos += multiLine ? 3 : 1;
                // A multi-line string may end with up to two quotes of its own before the closing three.
                while (multiLine && peek(0) == quote) {
                    pos++;
                }
                return;
            } else if (c == '\n' && !multiLine) {
                return;
            } else {
                advance();
            }
        }
    }

    private void skipComment() {
        while (pos < s.length() && s.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipLine() {
        skipComment();
        advance();
    }

    private void skipSpaces() {
        while (peek(0) == ' ' || peek(0) == '\t') {
            pos++;
        }
    }

    private void advance() {
        if (pos < s.length() && s.charAt(pos++) == '\n') {
            line++;
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private static boolean isBareKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
