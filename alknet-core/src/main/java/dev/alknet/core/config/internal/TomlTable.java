package dev.alknet.core.config.internal;

import dev.alknet.core.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Strict, typed access to one TOML table. Every problem becomes a {@link ConfigException} at the key's path
 * and line: a key the reader does not know, a value of the wrong type, a number out of range.
 */
public final class TomlTable {

    private final JsonNode node;
    private final KeyPath path;
    private final TomlSource source;

    private TomlTable(JsonNode node, KeyPath path, TomlSource source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }

    /** The document's top-level table. */
    public static TomlTable root(JsonNode node, TomlSource source) {
        return new TomlTable(node, KeyPath.ROOT, source);
    }

    public KeyPath path() {
        return path;
    }

    public TomlSource source() {
        return source;
    }

    public boolean has(String key) {
        return node.has(key);
    }

    /** Fails on a key the design has but this implementation refuses, with the reason given. */
    public void reject(String key, String reason) {
        if (node.has(key)) {
            throw source.error(path.key(key), reason);
        }
    }

    /** Fails on any key not in {@code known}, so a misspelt option is an error rather than silently ignored. */
    public void allowOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                String table = path.isRoot() ? "at the top level" : "in table " + path;
                throw source.error(path.key(key), "unknown key " + Printable.quote(key) + " " + table
                        + KeyHint.suggest(key, known));
            }
        }
    }

    public Optional<String> string(String key) {
        return value(key, "a string", JsonNode::isString).map(JsonNode::stringValue);
    }

    public Optional<Boolean> bool(String key) {
        return value(key, "a boolean (true or false)", JsonNode::isBoolean).map(JsonNode::booleanValue);
    }

    /** An integer that fits an {@code int}; what range makes sense is the value type's to say. */
    public Optional<Integer> integer(String key) {
        Optional<JsonNode> value = value(key, "an integer", JsonNode::isIntegralNumber);
        if (value.isPresent() && !value.get().canConvertToInt()) {
            throw source.error(path.key(key), "number out of range: " + value.get());
        }
        return value.map(JsonNode::intValue);
    }

    /** An array of strings. */
    public Optional<List<String>> strings(String key) {
        Optional<JsonNode> array = value(key, "an array of strings", JsonNode::isArray);
        if (array.isEmpty()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.get().size(); i++) {
            JsonNode element = array.get().get(i);
            if (!element.isString()) {
                throw source.error(path.key(key).index(i), "expected a string, got " + typeOf(element));
            }
            values.add(element.stringValue());
        }
        return Optional.of(values);
    }

    /** A table whose every value is an array of strings, e.g. {@code { service = ["gitea"] }}. */
    public Optional<Map<String, List<String>>> stringLists(String key) {
        Optional<TomlTable> table = table(key);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String name : table.get().node.propertyNames()) {
            values.put(name, table.get().strings(name).orElseThrow());
        }
        return Optional.of(values);
    }

    /** A sub-table; its keys are not checked until the caller says which it knows. */
    public Optional<TomlTable> table(String key) {
        return value(key, "a table", JsonNode::isObject).map(n -> new TomlTable(n, path.key(key), source));
    }

    /** A sub-table, or an empty one at the same path when the key is absent. */
    public TomlTable tableOrEmpty(String key) {
        return table(key).orElseGet(() -> new TomlTable(JsonNodeFactory.instance.objectNode(), path.key(key), source));
    }

    /** A path, resolved against the document's directory. */
    public Optional<Path> path(String key) {
        return string(key).map(text -> source.path(path.key(key), text));
    }

    /**
     * Checks that a file named at {@code key} (relative to this table, e.g. {@code tls.cert}) exists and is
     * readable; the file is left for its user to read.
     */
    public void requireFile(String key, Path file) {
        build(key, () -> {
            ConfigFiles.requireFile(file);
            return file;
        });
    }

    /** An array of tables ({@code [[key]]}); empty when the key is absent. */
    public List<TomlTable> tables(String key) {
        Optional<JsonNode> array = value(key, "an array of tables ([[" + key + "]])", JsonNode::isArray);
        List<TomlTable> tables = new ArrayList<>();
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            JsonNode element = array.get().get(i);
            KeyPath at = path.key(key).index(i);
            if (!element.isObject()) {
                throw source.error(at, "expected a table, got " + typeOf(element));
            }
            tables.add(new TomlTable(element, at, source));
        }
        return tables;
    }

    /** Runs a value type's constructor, placing its {@link ConfigException} (relative to this table) here. */
    public <T> T build(Supplier<T> constructor) {
        return build("", constructor);
    }

    /** Like {@link #build(Supplier)} for a value whose errors are relative to {@code key}. */
    public <T> T build(String key, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException e) {
            throw source.relocate(path.resolve(key), e);
        }
    }

    public ConfigException error(String key, String reason) {
        return source.error(path.key(key), reason);
    }

    private Optional<JsonNode> value(String key, String expected, Predicate<JsonNode> type) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!type.test(value)) {
            throw source.error(path.key(key), "expected " + expected + ", got " + typeOf(value));
        }
        return Optional.of(value);
    }

    private static String typeOf(JsonNode value) {
        if (value.isString()) {
            return "a string";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            return "a float";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isPojo()) {
            return "a date or time";
        }
        return value.isArray() ? "an array" : "a table";
    }
}
