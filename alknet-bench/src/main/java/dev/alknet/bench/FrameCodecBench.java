package dev.alknet.bench;

import dev.alknet.core.frame.EventEnvelope;
import dev.alknet.core.frame.FrameCodec;
import dev.alknet.core.frame.FrameDecoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frame encode/decode of a 1 KiB call envelope against plain Jackson on the same bytes. Target: decoding a frame
 * (header, strict UTF-8 check, JSON, envelope checks) runs at ≥ 80% of {@code readTree} on the body alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class FrameCodecBench {

    private final JsonMapper mapper = FrameCodec.jsonMapper();
    private final FrameCodec codec = FrameCodec.defaults();
    private EventEnvelope envelope;
    private JsonNode envelopeTree;
    private byte[] body;
    private byte[] frame;
    private FrameDecoder decoder;

    @Setup
    public void setUp() {
        envelope = Payloads.callRequested(1024);
        body = Payloads.body(envelope);
        frame = Payloads.frame(envelope);
        envelopeTree = mapper.readTree(body);
        decoder = new FrameDecoder(codec);
    }

    /** Anchor: Jackson parsing the JSON body to a tree, no framing. */
    @Benchmark
    public JsonNode jacksonReadTree() {
        return mapper.readTree(body);
    }

    /** A whole frame, header included, to an envelope. */
    @Benchmark
    public EventEnvelope decodeFrame() throws Exception {
        return codec.decodeFrame(frame);
    }

    /** The push decoder a session feeds from a channel, one frame per chunk. */
    @Benchmark
    public void pushDecoder(Blackhole blackhole) throws Exception {
        decoder.feed(frame, blackhole::consume);
    }

    /** Anchor for encoding: Jackson writing the same tree to bytes, no framing. */
    @Benchmark
    public byte[] jacksonWriteTree() {
        return mapper.writeValueAsBytes(envelopeTree);
    }

    @Benchmark
    public byte[] encodeFrame() throws Exception {
        return codec.encode(envelope);
    }
}
