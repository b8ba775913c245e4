package dev.alknet.flowgraph;

import static dev.alknet.flowgraph.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphExportTest {

    /** Request ids and operation names that break naive writers. */
    static final String ODD_ID = "r\"1\\x\n<b>#35; {a|b}[c] `d` ✓";
    static final String ODD_OPERATION = "/dev1/we\"ird/op|<x>";

    private final TestClock clock = new TestClock();

    private CallGraph calls() {
        CallGraph graph = CallGraph.builder().clock(clock).build();
        graph.add(new CallEvent.Requested("root", "/head/agent/chat", json("{'q':1}"), null, "SHA256:k", false));
        graph.add(new CallEvent.Requested(ODD_ID, ODD_OPERATION, null, "root", null, true));
        graph.add(new CallEvent.Requested("dep", "/dev1/fs/read", null, null, null, false));
        graph.dependsOn(ODD_ID, "dep");
        graph.start("root");
        clock.advance(Duration.ofMillis(1500));
        graph.fail("root", new CallErrorInfo("TIMEOUT", "late \"again\""));
        return graph;
    }

    private static OperationGraph operations() {
        return OperationGraph.fromJson(List.of(
                json("{'name':'/d/fs/read','op_type':'query','input_schema':{'type':'object','required':['path'],"
                        + "'properties':{'path':{'type':'string'}}},'output_schema':{'type':'object','required':['text'],"
                        + "'properties':{'text':{'type':'string'}}}}"),
                json("{'name':'/d/text/count','op_type':'mutation','input_schema':{'type':'object',"
                        + "'properties':{'text':{'type':'integer'}}}}")));
    }

    @Test
    void operationGraphJsonIsStable() {
        assertThat(GraphExport.toJson(operations())).isEqualTo(json("""
                {'format':'alknet.flowgraph.operations','version':1,'nodes':[
                 {'name':'/d/fs/read','namespace':'fs','op_type':'query',
                  'input_schema':{'type':'object','required':['path'],'properties':{'path':{'type':'string'}}},
                  'output_schema':{'type':'object','required':['text'],'properties':{'text':{'type':'string'}}}},
                 {'name':'/d/text/count','namespace':'text','op_type':'mutation',
                  'input_schema':{'type':'object','properties':{'text':{'type':'integer'}}},'output_schema':null}],
                 'edges':[{'source':'/d/fs/read','target':'/d/text/count','edge_type':'typed','compatible':false,
                  'detail':'at \\u0027text\\u0027: output is string, input requires integer'}]}"""));
    }

    @Test
    void callGraphJsonIsStable() {
        assertThat(GraphExport.toJson(calls().snapshot()).toString()).isEqualTo(json("""
                {'format':'alknet.flowgraph.calls','version':1,'nodes':[
                 {'request_id':'dep','operation_id':'/dev1/fs/read','status':'pending','parent_request_id':null,
                  'subscription':false,'abort_policy':'abort_dependents','identity_id':null,'started_at':null,
                  'completed_at':null,'input':null,'output':null,'error':null},
                 {'request_id':'r\\u00221\\\\x\\n<b>#35; {a|b}[c] `d` ✓','operation_id':'/dev1/we\\u0022ird/op|<x>',
                  'status':'pending','parent_request_id':'root','subscription':true,'abort_policy':'abort_dependents',
                  'identity_id':null,'started_at':null,'completed_at':null,'input':null,'output':null,'error':null},
                 {'request_id':'root','operation_id':'/head/agent/chat','status':'failed','parent_request_id':null,
                  'subscription':false,'abort_policy':'abort_dependents','identity_id':'SHA256:k',
                  'started_at':'2026-11-21T08:00:00Z','completed_at':'2026-11-21T08:00:01.500Z','input':{'q':1},
                  'output':null,'error':{'code':'TIMEOUT','message':'late \\u0022again\\u0022'}}],
                 'edges':[{'source':'dep','target':'r\\u00221\\\\x\\n<b>#35; {a|b}[c] `d` ✓','edge_type':'depends_on'},
                  {'source':'root','target':'r\\u00221\\\\x\\n<b>#35; {a|b}[c] `d` ✓','edge_type':'triggered'}]}
                """).toString());
    }

    @Test
    void dotEscapesLabels() {
        String dot = GraphExport.toDot(calls().snapshot());
        assertThat(dot).startsWith("digraph calls {\n").endsWith("}\n")
                .contains("  n1 [label=\"r\\\"1\\\\x\\n<b>#35; {a|b}[c] `d` ✓\\n/dev1/we\\\"ird/op|<x>\\npending\","
                        + " color=gray60];\n")
                .contains("  n0 -> n1 [style=dashed, label=\"depends_on\"];\n")
                .contains("  n2 -> n1;\n");
        assertThat(GraphExport.toDot(operations())).contains(
                "  n0 -> n1 [style=dashed, color=firebrick, label=\"at 'text': output is string, input requires"
                        + " integer\"];\n");
    }

    @Test
    void mermaidEscapesLabelsAsEntityCodes() {
        String mermaid = GraphExport.toMermaid(calls().snapshot());
        assertThat(mermaid).startsWith("flowchart LR\n")
                .contains("  n1[\"r#34;1#92;x#10;#60;b#62;#35;35#59; #123;a#124;b#125;#91;c#93; #96;d#96; #10003;"
                        + "<br/>/dev1/we#34;ird/op#124;#60;x#62;<br/>pending\"]\n")
                .contains("  n0 -.->|\"depends_on\"| n1\n")
                .contains("  n2 --> n1\n")
                .contains("  classDef failed fill:#fee2e2,stroke:#b22222\n")
                .contains("  class n2 failed\n");
        for (String line : mermaid.split("\n")) {
            // outside its own markup a line holds only ids, arrows and entity-coded text: no stray quote
            assertThat(line.replaceAll("\\[\"[^\"]*\"\\]|\\|\"[^\"]*\"\\|", "")).doesNotContain("\"");
        }
    }

    /** Graphviz itself reads the DOT back: every label renders as the original text, line by line. */
    @Test
    void graphvizRendersTheOriginalLabels(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dot")),
                "Graphviz 'dot' is not installed (apt-get install graphviz); skipping the round trip through it");
        Path file = dir.resolve("calls.dot");
        Files.writeString(file, GraphExport.toDot(calls().snapshot()), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder("/usr/bin/dot", "-Tsvg", file.toString()).redirectErrorStream(true)
                .start();
        String svg = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(svg).isZero();

        List<String> texts = new ArrayList<>();
        Matcher text = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        while (text.find()) {
            texts.add(text.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#45;", "-").replace("&amp;", "&"));
        }
        List<String> expected = new ArrayList<>(List.of(ODD_ID.split("\n")));
        expected.add(ODD_OPERATION);
        expected.add("pending");
        assertThat(String.join("\n", texts)).contains(String.join("\n", expected));
    }
}
