package dev.alknet.host;

import dev.alknet.callproto.AccessControl;
import dev.alknet.callproto.CallHandler;
import dev.alknet.callproto.OperationRegistry;
import dev.alknet.callproto.SubscriptionHandler;
import dev.alknet.storage.StorageException;
import dev.alknet.storage.StorageService;

/**
 * The storage service as call-protocol operations, {@code /{node}/storage/{op}} (docs/storage.md, "Call-protocol
 * operations"). Every operation names its input's fields in a schema, needs a scope, and — when it touches one
 * graph — passes {@link GraphAccess}; storage failures reach the caller through {@link StorageErrors}.
 */
final class StorageOps {

    /** Reading types, graphs, nodes, edges and streams. */
    static final String READ = "storage:read";
    /** Creating graphs and writing them. */
    static final String WRITE = "storage:write";

    static final AccessControl READERS = AccessControl.anyOf(READ, GraphAccess.ADMIN);
    static final AccessControl WRITERS = AccessControl.anyOf(WRITE, GraphAccess.ADMIN);
    /** Types are shared by every graph of the node, so only an admin defines them. */
    static final AccessControl ADMINS = AccessControl.allOf(GraphAccess.ADMIN);

    private final OperationRegistry registry;
    private final String prefix;

    private StorageOps(OperationRegistry registry, String node) {
        this.registry = registry;
        this.prefix = "/" + node + "/storage/";
    }

    /** Adds every storage operation of {@code storage} to {@code registry} under {@code /{node}/storage/}. */
    static void register(OperationRegistry registry, String node, StorageService storage) {
        StorageOps ops = new StorageOps(registry, node);
        GraphAccess access = new GraphAccess(storage.metagraph(), storage.acl());
        StorageTypeOps.register(ops, storage.metagraph());
        StorageGraphOps.register(ops, storage.metagraph(), access);
        StorageNodeOps.register(ops, storage.metagraph(), access);
        StorageEdgeOps.register(ops, storage.metagraph(), access);
        StorageWatch.register(ops, storage, access);
    }

    String path(String op) {
        return prefix + op;
    }

    void query(String op, AccessControl access, OpInput input, CallHandler handler) {
        registry.query(path(op), spec -> spec.access(access).inputSchema(input.build()), guarded(op, handler));
    }

    void mutation(String op, AccessControl access, OpInput input, CallHandler handler) {
        registry.mutation(path(op), spec -> spec.access(access).inputSchema(input.build()), guarded(op, handler));
    }

    void subscription(String op, AccessControl access, OpInput input, SubscriptionHandler handler) {
        registry.subscription(path(op), spec -> spec.access(access).inputSchema(input.build()),
                (in, env, sink) -> {
                    try {
                        handler.handle(in, env, sink);
                    } catch (StorageException e) {
                        throw StorageErrors.toCall(path(op), e, "");
                    }
                });
    }

    /** Attribute errors point into the input's {@code attributes}, the only field whose content storage checks. */
    private CallHandler guarded(String op, CallHandler handler) {
        return (in, env) -> {
            try {
                return handler.handle(in, env);
            } catch (StorageException e) {
                throw StorageErrors.toCall(path(op), e, "/attributes");
            }
        };
    }
}
