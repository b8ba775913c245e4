package dev.alknet.callproto.internal;

import dev.alknet.callproto.CallHandler;
import dev.alknet.callproto.CallObserver;
import dev.alknet.callproto.OperationHandler;
import dev.alknet.callproto.OperationSpec;
import dev.alknet.callproto.OperationType;
import dev.alknet.callproto.PathAccess;
import dev.alknet.callproto.SubscriptionHandler;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's state: specs by path, each with its compiled input schema and, once registered, its handler.
 * Lock-free reads for dispatch; registration replaces whole entries so a call sees a spec and handler that belong
 * together.
 */
public final class RegistryTable {

    /** One operation. {@code handler} is null while only the spec is known. */
    public record Entry(OperationSpec spec, InputSchema input, OperationHandler handler) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile PathAccess pathAccess = PathAccess.none();
    private volatile CallObserver observer = CallObserver.NONE;

    public CallObserver observer() {
        return observer;
    }

    public void observer(CallObserver observer) {
        this.observer = observer;
    }

    public PathAccess pathAccess() {
        return pathAccess;
    }

    public void pathAccess(PathAccess rules) {
        this.pathAccess = rules;
    }

    /**
     * @param handler the handler, or null to add it later with {@link #setHandler}
     */
    public void add(OperationSpec spec, OperationHandler handler) {
        if (handler != null) {
            checkKind(spec, handler);
        }
        Entry entry = new Entry(spec, InputSchema.compile(spec.path(), spec.inputSchema()), handler);
        if (entries.putIfAbsent(spec.path(), entry) != null) {
            throw new IllegalArgumentException("operation " + spec.path() + " is already registered");
        }
    }

    public void setHandler(String path, OperationHandler handler) {
        entries.compute(path, (p, entry) -> {
            if (entry == null) {
                throw new IllegalStateException("no spec registered for " + p + "; register the spec first");
            }
            if (entry.handler() != null) {
                throw new IllegalStateException("operation " + p + " already has a handler");
            }
            checkKind(entry.spec(), handler);
            return new Entry(entry.spec(), entry.input(), handler);
        });
    }

    public boolean remove(String path) {
        return entries.remove(path) != null;
    }

    public Optional<Entry> lookup(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** All specs, ordered by path for stable discovery output. */
    public List<OperationSpec> specs() {
        return entries.values().stream().map(Entry::spec).sorted(Comparator.comparing(OperationSpec::path)).toList();
    }

    private static void checkKind(OperationSpec spec, OperationHandler handler) {
        boolean subscription = spec.type() == OperationType.SUBSCRIPTION;
        if (subscription && !(handler instanceof SubscriptionHandler)
                || !subscription && !(handler instanceof CallHandler)) {
            throw new IllegalArgumentException(spec.path() + " is a " + spec.type().wireName() + "; it needs a "
                    + (subscription ? "SubscriptionHandler" : "CallHandler"));
        }
    }
}
