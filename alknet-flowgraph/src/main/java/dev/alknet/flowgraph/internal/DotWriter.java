package dev.alknet.flowgraph.internal;

import java.util.Map;

/** Graphviz DOT text for a {@link Drawing}. Labels are quoted strings with {@code \\}, {@code "} and line breaks escaped. */
public final class DotWriter {

    private static final Map<String, String> COLORS = Map.of("pending", "gray60", "running", "dodgerblue",
            "completed", "forestgreen", "failed", "firebrick", "aborted", "darkorange", "incompatible", "firebrick");

    private DotWriter() {
    }

    public static String write(Drawing drawing) {
        StringBuilder out = new StringBuilder();
        out.append("digraph ").append(drawing.name()).append(" {\n");
        out.append("  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
        for (Drawing.Box box : drawing.boxes()) {
            out.append("  ").append(box.id()).append(" [label=").append(quote(String.join("\n", box.lines())));
            String color = COLORS.get(box.kind());
            if (color != null) {
                out.append(", color=").append(color);
            }
            out.append("];\n");
        }
        for (Drawing.Arrow arrow : drawing.arrows()) {
            out.append("  ").append(arrow.source()).append(" -> ").append(arrow.target());
            StringBuilder attributes = new StringBuilder();
            if (arrow.dashed()) {
                attributes.append("style=dashed");
            }
            String color = COLORS.get(arrow.kind());
            if (color != null) {
                attributes.append(attributes.isEmpty() ? "" : ", ").append("color=").append(color);
            }
            if (arrow.label() != null) {
                attributes.append(attributes.isEmpty() ? "" : ", ").append("label=").append(quote(arrow.label()));
            }
            if (!attributes.isEmpty()) {
                out.append(" [").append(attributes).append(']');
            }
            out.append(";\n");
        }
        return out.append("}\n").toString();
    }

    /** A DOT quoted string; control characters other than a line break become spaces. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 || c == 0x7f ? ' ' : c);
            }
        }
        return out.append('"').toString();
    }
}
