package dev.alknet.storage.internal;

import static dev.alknet.storage.internal.MetagraphRows.EDGE_TYPE;
import static dev.alknet.storage.internal.MetagraphRows.GRAPH_TYPE;
import static dev.alknet.storage.internal.MetagraphRows.NODE_TYPE;

import dev.alknet.storage.EdgeType;
import dev.alknet.storage.GraphType;
import dev.alknet.storage.NodeType;
import dev.alknet.storage.StorageException;
import dev.alknet.storage.Streams;
import dev.alknet.storage.TypeScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Copies system-scoped graph types, with their node and edge types and under the same ids, from the system database
 * into a tenant's store, so the tenant's graphs keep foreign keys and rule checks inside their own store (there are
 * no keys across stores). Types are immutable and only ever gain node and edge types, so a copy is brought up to
 * date by inserting what it lacks; the copy stays when the system type goes.
 */
final class SystemTypeCopies {

    /** A system type as read for copying. */
    private record Source(GraphType type, List<NodeType> nodeTypes, List<EdgeType> edgeTypes) {
    }

    private final Database system;
    private final JdbcStore tenant;
    private final Clock clock;

    SystemTypeCopies(Database system, JdbcStore tenant, Clock clock) {
        this.system = Objects.requireNonNull(system, "system");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Copies the system type {@code graphTypeId} into the tenant, or adds to its copy what the system type gained.
     *
     * @throws StorageException NOT_FOUND when the system database has no such type, INVALID when it is not
     *     system-scoped, ALREADY_EXISTS when a type of the tenant's own has its name
     */
    GraphType copy(String graphTypeId) {
        Source source = system.read(c -> {
            GraphType type = Sql.one(c, "SELECT " + GRAPH_TYPE + " FROM graph_types WHERE id = ?",
                    MetagraphRows::graphType, graphTypeId).orElseThrow(() -> new StorageException(
                            StorageException.Kind.NOT_FOUND, "graph type " + graphTypeId + " does not exist"));
            if (type.scope() != TypeScope.SYSTEM) {
                throw new StorageException(StorageException.Kind.INVALID, "graph type '" + type.name() + "' ("
                        + graphTypeId + ") of the system database is " + type.scope().dbName()
                        + "-scoped; tenants use only its system-scoped types");
            }
            return new Source(type,
                    Sql.list(c, "SELECT " + NODE_TYPE + " FROM node_types WHERE graph_type_id = ? ORDER BY id",
                            MetagraphRows::nodeType, graphTypeId),
                    Sql.list(c, "SELECT " + EDGE_TYPE + " FROM edge_types WHERE graph_type_id = ? ORDER BY id",
                            MetagraphRows::edgeType, graphTypeId));
        });
        long now = clock.instant().getEpochSecond();
        return tenant.outbox().write(c -> {
            insert(c, source, now);
            return Sql.one(c, "SELECT " + GRAPH_TYPE + " FROM graph_types WHERE id = ?", MetagraphRows::graphType,
                    graphTypeId).orElseThrow();
        });
    }

    /** Brings every copy the tenant holds up to date; copies of types the system no longer has stay as they are. */
    void refreshAll() {
        List<String> copies = tenant.db().read(c -> Sql.list(c, "SELECT id FROM graph_types WHERE scope = ?",
                rs -> rs.getString(1), TypeScope.SYSTEM.dbName()));
        for (String id : copies) {
            try {
                copy(id);
            } catch (StorageException e) {
                if (e.kind() != StorageException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
    }

    private void insert(Connection c, Source s, long now) throws SQLException {
        GraphType t = s.type();
        if (!Sql.exists(c, "SELECT 1 FROM graph_types WHERE id = ?", t.id())) {
            if (Sql.exists(c, "SELECT 1 FROM graph_types WHERE name = ?", t.name())) {
                throw new StorageException(StorageException.Kind.ALREADY_EXISTS, "the tenant has a graph type of "
                        + "its own named '" + t.name() + "', the name of system graph type " + t.id());
            }
            Sql.update(c, "INSERT INTO graph_types (id, name, description, config, version, scope, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", t.id(), t.name(), t.description(),
                    MetagraphRows.config(t.rules()), t.version(), t.scope().dbName(), seconds(t.createdAt()),
                    seconds(t.updatedAt()));
            publish(c, "graph_type.created", t, now);
        }
        for (NodeType n : s.nodeTypes()) {
            if (Sql.update(c, "INSERT INTO node_types (id, graph_type_id, name, description, schema, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", n.id(), t.id(), n.name(),
                    n.description(), Json.write(n.schema(), "schema"), seconds(n.createdAt()),
                    seconds(n.updatedAt())) > 0) {
                publish(c, "node_type.created", n, now);
            }
        }
        for (EdgeType e : s.edgeTypes()) {
            if (Sql.update(c, "INSERT INTO edge_types (id, graph_type_id, name, description, schema, "
                    + "allowed_source_types, allowed_target_types, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                    + "?, ?, ?) ON CONFLICT (id) DO NOTHING", e.id(), t.id(), e.name(), e.description(),
                    Json.write(e.schema(), "schema"), Json.writeList(e.allowedSourceTypes()),
                    Json.writeList(e.allowedTargetTypes()), seconds(e.createdAt()), seconds(e.updatedAt())) > 0) {
                publish(c, "edge_type.created", e, now);
            }
        }
    }

    /** The events the tenant's {@code graphs} stream gets, as if the types had been created there. */
    private void publish(Connection c, String type, Object entity, long now) throws SQLException {
        tenant.outbox().append(c, Streams.GRAPHS, type, Json.MAPPER.valueToTree(entity), now);
    }

    private static long seconds(java.time.Instant t) {
        return t.getEpochSecond();
    }
}
