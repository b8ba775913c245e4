package dev.alknet.flowgraph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class LabelEscapingProperties {

    private static final Pattern ENTITY = Pattern.compile("#(\\d+);");

    @Property
    void dotQuotingReadsBackAsTheLabelWithControlCharactersAsSpaces(@ForAll String label) {
        String quoted = DotWriter.quote(label);
        assertThat(quoted).startsWith("\"").endsWith("\"");
        StringBuilder read = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            assertThat(c).as("raw quote inside %s", quoted).isNotEqualTo('"');
            if (c == '\\') {
                char next = quoted.charAt(++i);
                read.append(next == 'n' ? '\n' : next);
            } else {
                read.append(c);
            }
        }
        assertThat(read.toString()).isEqualTo(label.replaceAll("[\\x00-\\x09\\x0b-\\x1f\\x7f]", " "));
    }

    @Property
    void mermaidEscapingIsSafeTextThatDecodesToTheLabel(@ForAll String label) {
        String escaped = MermaidWriter.escape(label);
        assertThat(escaped).matches("([A-Za-z0-9 /._\\-:,'=+@]|#\\d+;)*");
        Matcher entity = ENTITY.matcher(escaped);
        StringBuilder decoded = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(decoded, Matcher.quoteReplacement(
                    new String(Character.toChars(Integer.parseInt(entity.group(1))))));
        }
        entity.appendTail(decoded);
        assertThat(decoded.toString()).isEqualTo(label);
    }
}
