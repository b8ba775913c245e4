package dev.alknet.bench.rpc;

import dev.alknet.core.frame.FrameCodec;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The anchor: the same unary echo as gRPC-java over loopback (Netty, plaintext HTTP/2), with a JSON marshaller on
 * the shared Jackson mapper instead of protobuf, so both sides pay for the same JSON work. The method is described
 * by hand, so no protoc is needed.
 */
final class GrpcEcho implements AutoCloseable {

    static final MethodDescriptor<JsonNode, JsonNode> UNARY = MethodDescriptor.<JsonNode, JsonNode>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "Unary"))
            .setRequestMarshaller(new JsonMarshaller())
            .setResponseMarshaller(new JsonMarshaller())
            .build();

    private final Server server;
    private final ManagedChannel channel;

    private GrpcEcho(Server server, ManagedChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    /** A server on an ephemeral loopback port with gRPC's default executor, and one channel to it. */
    static GrpcEcho start() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Echo")
                .addMethod(UNARY, ServerCalls.asyncUnaryCall((request, responses) -> {
                    responses.onNext(EchoOperations.OUTPUT);
                    responses.onCompleted();
                }))
                .build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(service)
                .build()
                .start();
        ManagedChannel channel = NettyChannelBuilder.forAddress(InetAddress.getLoopbackAddress().getHostAddress(),
                server.getPort()).usePlaintext().build();
        return new GrpcEcho(server, channel);
    }

    /** With the same 30 s limit as an alknet call's default timeout, so both sides arm a timer per call. */
    JsonNode call(JsonNode input) {
        return ClientCalls.blockingUnaryCall(channel, UNARY, CallOptions.DEFAULT.withDeadlineAfter(30,
                TimeUnit.SECONDS), input);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** JSON bodies, encoded and parsed with the same mapper the call protocol uses. */
    private static final class JsonMarshaller implements MethodDescriptor.Marshaller<JsonNode> {

        @Override
        public InputStream stream(JsonNode value) {
            return new ByteArrayInputStream(FrameCodec.jsonMapper().writeValueAsBytes(value));
        }

        @Override
        public JsonNode parse(InputStream stream) {
            return FrameCodec.jsonMapper().readTree(stream);
        }
    }
}
