package dev.alknet.flowgraph.internal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Mermaid {@code flowchart} text for a {@link Drawing}. Every label character outside a small safe set is written
 * as a Mermaid entity code ({@code #34;}), so no name can break out of its quotes or inject markup.
 */
public final class MermaidWriter {

    private static final Map<String, String> STYLES = Map.of("pending", "fill:#eeeeee,stroke:#999999",
            "running", "fill:#dbeafe,stroke:#1e90ff", "completed", "fill:#dcfce7,stroke:#228b22",
            "failed", "fill:#fee2e2,stroke:#b22222", "aborted", "fill:#ffedd5,stroke:#ff8c00");

    private MermaidWriter() {
    }

    public static String write(Drawing drawing) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        Set<String> kinds = new LinkedHashSet<>();
        for (Drawing.Box box : drawing.boxes()) {
            out.append("  ").append(box.id()).append("[\"");
            for (int i = 0; i < box.lines().size(); i++) {
                out.append(i == 0 ? "" : "<br/>").append(escape(box.lines().get(i)));
            }
            out.append("\"]\n");
            if (STYLES.containsKey(box.kind())) {
                kinds.add(box.kind());
            }
        }
        for (Drawing.Arrow arrow : drawing.arrows()) {
            out.append("  ").append(arrow.source()).append(arrow.dashed() ? " -.->" : " -->");
            if (arrow.label() != null) {
                out.append("|\"").append(escape(arrow.label())).append("\"|");
            }
            out.append(' ').append(arrow.target()).append('\n');
        }
        for (String kind : kinds) {
            out.append("  classDef ").append(kind).append(' ').append(STYLES.get(kind)).append('\n');
        }
        for (Drawing.Box box : drawing.boxes()) {
            if (kinds.contains(box.kind())) {
                out.append("  class ").append(box.id()).append(' ').append(box.kind()).append('\n');
            }
        }
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || " /._-:,'=+@".indexOf(c) >= 0) {
                out.appendCodePoint(c);
            } else {
                out.append('#').append(c).append(';');
            }
        });
        return out.toString();
    }
}
