package dev.alknet.bench.rpc;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * A unary call with 1 KiB of JSON in and 1 KiB out, by 8 concurrent callers sharing one connection (one session,
 * one gRPC channel), each waiting for its answer before the next call: 8 calls outstanding on every transport.
 * Throughput gives calls/ms, sample time the latency percentiles. Targets (issue 4): alknet raw framing over TCP
 * ≥ 1.0x gRPC's throughput and p99 ≤ gRPC's, both measured in the same run.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(8)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(2)
public class RpcBench {

    @Benchmark
    public JsonNode alknetRawTcp(RawTcp peer) throws Exception {
        return peer.call();
    }

    @Benchmark
    public JsonNode alknetInMemory(InMemory peer) throws Exception {
        return peer.call();
    }

    @Benchmark
    public JsonNode alknetSshControl(SshControl peer) throws Exception {
        return peer.call();
    }

    @Benchmark
    public JsonNode grpc(Grpc peer) {
        return peer.echo.call(EchoOperations.INPUT);
    }

    /** One alknet session shared by all benchmark threads. */
    public abstract static class AlknetPeer {
        Connection connection;

        JsonNode call() throws Exception {
            return connection.session.call(EchoOperations.UNARY, EchoOperations.INPUT).get();
        }

        @TearDown
        public void close() throws Exception {
            connection.close();
        }
    }

    @State(Scope.Benchmark)
    public static class RawTcp extends AlknetPeer {
        @Setup
        public void connect() throws Exception {
            connection = Connection.rawTcp();
        }
    }

    @State(Scope.Benchmark)
    public static class InMemory extends AlknetPeer {
        @Setup
        public void connect() {
            connection = Connection.inMemory();
        }
    }

    @State(Scope.Benchmark)
    public static class SshControl extends AlknetPeer {
        @Setup
        public void connect() throws Exception {
            connection = Connection.sshControl();
        }
    }

    @State(Scope.Benchmark)
    public static class Grpc {
        GrpcEcho echo;

        @Setup
        public void start() throws Exception {
            echo = GrpcEcho.start();
        }

        @TearDown
        public void close() throws Exception {
            echo.close();
        }
    }
}
