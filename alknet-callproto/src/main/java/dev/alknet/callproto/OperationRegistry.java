package dev.alknet.callproto;

import dev.alknet.callproto.internal.Discovery;
import dev.alknet.callproto.internal.Json;
import dev.alknet.callproto.internal.RecordSchemas;
import dev.alknet.callproto.internal.RegistryTable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operations a node exposes. Specs and handlers may be registered together or separately (a spec first, its
 * handler later, ADR-025); a spec without a handler is listed by discovery but answers OPERATION_NOT_FOUND. Every
 * registry starts with the core operations {@code /services/list} and {@code /services/schema}.
 *
 * <pre>{@code
 * OperationRegistry registry = OperationRegistry.create()
 *     .query("/dev1/fs/stat", spec -> spec.access(AccessControl.allOf("fs:read")),
 *            (input, env) -> stat(input.get("path").stringValue()))
 *     .query("/dev1/math/add", Add.class, Sum.class, (add, env) -> new Sum(add.a() + add.b()));
 * }</pre>
 *
 * Thread-safe; one registry may serve any number of sessions, and may change while they run.
 */
public final class OperationRegistry {

    private final RegistryTable table = new RegistryTable();

    private OperationRegistry() {
    }

    /** A registry holding the core discovery operations. */
    public static OperationRegistry create() {
        OperationRegistry registry = new OperationRegistry();
        Discovery.install(registry.table);
        return registry;
    }

    /**
     * Registers a spec without a handler.
     *
     * @throws IllegalArgumentException when the path is taken or the input schema cannot be compiled
     */
    public OperationRegistry register(OperationSpec spec) {
        table.add(Objects.requireNonNull(spec, "spec"), null);
        return this;
    }

    /**
     * Replaces the path rules checked on every untrusted call besides each spec's own access control; takes effect
     * for the next call.
     */
    public OperationRegistry pathAccess(PathAccess rules) {
        table.pathAccess(Objects.requireNonNull(rules, "rules"));
        return this;
    }

    /** Tells {@code observer} about every call this registry's handlers run; {@link CallObserver#NONE} to stop. */
    public OperationRegistry observer(CallObserver observer) {
        table.observer(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    /** Registers a spec and its handler at once. */
    public OperationRegistry register(OperationSpec spec, OperationHandler handler) {
        table.add(Objects.requireNonNull(spec, "spec"), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Attaches the handler of a spec registered earlier.
     *
     * @throws IllegalStateException when there is no such spec or it has a handler already
     * @throws IllegalArgumentException when the handler's kind does not match the spec's type
     */
    public OperationRegistry handle(String path, OperationHandler handler) {
        table.setHandler(path, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    public OperationRegistry query(String path, CallHandler handler) {
        return query(path, spec -> { }, handler);
    }

    /** Registers a query; {@code spec} may set schemas and access on a builder preset to "anything, anyone". */
    public OperationRegistry query(String path, Consumer<OperationSpec.Builder> spec, CallHandler handler) {
        return register(build(path, OperationType.QUERY, spec), handler);
    }

    public OperationRegistry mutation(String path, Consumer<OperationSpec.Builder> spec, CallHandler handler) {
        return register(build(path, OperationType.MUTATION, spec), handler);
    }

    public OperationRegistry subscription(String path, Consumer<OperationSpec.Builder> spec,
            SubscriptionHandler handler) {
        return register(build(path, OperationType.SUBSCRIPTION, spec), handler);
    }

    public <I, O> OperationRegistry query(String path, Class<I> inputType, Class<O> outputType,
            TypedCallHandler<I, O> handler) {
        return query(path, inputType, outputType, spec -> { }, handler);
    }

    /**
     * Registers a typed query. The schemas are derived from the types (JSON types of record components, primitives
     * required); {@code spec} may replace them and set access control.
     */
    public <I, O> OperationRegistry query(String path, Class<I> inputType, Class<O> outputType,
            Consumer<OperationSpec.Builder> spec, TypedCallHandler<I, O> handler) {
        return typed(path, OperationType.QUERY, inputType, outputType, spec, handler);
    }

    public <I, O> OperationRegistry mutation(String path, Class<I> inputType, Class<O> outputType,
            Consumer<OperationSpec.Builder> spec, TypedCallHandler<I, O> handler) {
        return typed(path, OperationType.MUTATION, inputType, outputType, spec, handler);
    }

    public Optional<OperationSpec> spec(String path) {
        return table.lookup(path).map(RegistryTable.Entry::spec);
    }

    /** Every registered spec, ordered by path. */
    public List<OperationSpec> specs() {
        return table.specs();
    }

    /** Removes an operation; calls already running finish. */
    public boolean remove(String path) {
        return table.remove(path);
    }

    RegistryTable table() {
        return table;
    }

    private <I, O> OperationRegistry typed(String path, OperationType type, Class<I> inputType, Class<O> outputType,
            Consumer<OperationSpec.Builder> spec, TypedCallHandler<I, O> handler) {
        Objects.requireNonNull(handler, "handler");
        Consumer<OperationSpec.Builder> derived = builder -> builder
                .inputSchema(RecordSchemas.derive(inputType))
                .outputSchema(RecordSchemas.derive(outputType));
        CallHandler untyped = (input, env) -> Json.toTree(handler.handle(Json.fromTree(input, inputType, path), env));
        return register(build(path, type, derived.andThen(spec)), untyped);
    }

    private static OperationSpec build(String path, OperationType type, Consumer<OperationSpec.Builder> spec) {
        OperationSpec.Builder builder = OperationSpec.builder(path, type);
        spec.accept(builder);
        return builder.build();
    }
}
