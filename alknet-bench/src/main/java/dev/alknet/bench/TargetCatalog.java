package dev.alknet.bench;

import dev.alknet.bench.flow.AbortCascadeBench;
import dev.alknet.bench.flow.CallGraphBench;
import dev.alknet.bench.flow.OperationGraphBench;
import dev.alknet.bench.rpc.RpcBench;
import dev.alknet.bench.rpc.SubscriptionBench;
import dev.alknet.bench.secret.Bip39Bench;
import dev.alknet.bench.secret.EncryptionBench;
import dev.alknet.bench.secret.Slip10Bench;
import dev.alknet.bench.storage.AclBench;
import dev.alknet.bench.storage.LoginBench;
import dev.alknet.bench.storage.PostgresAclBench;
import dev.alknet.bench.storage.PostgresStorageBench;
import dev.alknet.bench.storage.StorageBench;
import dev.alknet.bench.storage.TenantBench;
import java.util.List;

/** Every speed target the project promises, each a ratio or bound within one run. */
final class TargetCatalog {

    private TargetCatalog() {}

    static List<Target> all() {
        return List.of(
                Target.ratioAtLeast(FrameCodecBench.class, "frame decode (1 KiB) vs Jackson readTree",
                        "decodeFrame", "jacksonReadTree", 0.80),
                Target.microsAtMost(PolicyBench.class, "policy decision over 1,000 rules (host name, no match)",
                        "hostName", "rules=1000", 10.0),
                Target.microsAtMost(PolicyBench.class, "policy decision over 1,000 rules (IPv4 literal, no match)",
                        "ipLiteral", "rules=1000", 10.0),
                Target.ratioAtLeast(RpcBench.class, "unary call throughput, raw TCP vs gRPC (8 callers)",
                        "alknetRawTcp", "grpc", 1.0),
                Target.percentileRatioAtMost(RpcBench.class, "unary call p99 latency, raw TCP vs gRPC (8 callers)",
                        "alknetRawTcp", "grpc", 99, 1.0),
                Target.perSecondAtLeast(SubscriptionBench.class, "subscription items in memory",
                        "inMemoryItems", 500_000, "items/s"),
                Target.perSecondAtLeast(CallGraphBench.class, "call events applied to the call graph, one thread",
                        "callGraph", 200_000, "events/s"),
                Target.microsAtMost(AbortCascadeBench.class, "abort cascade over 11,110 running descendants",
                        "callGraph", "", 20_000),
                Target.microsAtMost(OperationGraphBench.class, "operation graph of 1,000 specs built",
                        "operationGraph", "", 1_000_000),
                // Cost ≤ 1.2x the anchor is throughput ≥ 1/1.2 of it.
                Target.ratioAtLeast(Bip39Bench.class, "BIP39 seed vs bare JDK PBKDF2 (cost ≤ 1.2x)",
                        "bip39Seed", "jdkPbkdf2", 1 / 1.2),
                Target.perSecondAtLeast(Slip10Bench.class, "SLIP-0010 ed25519 derivation, depth 4",
                        "ed25519Depth4", 20_000, "paths/s"),
                Target.ratioAtLeast(EncryptionBench.class, "EncryptedData AES-256-GCM 64 KiB vs raw JDK cipher",
                        "encryptedData64k", "jdkGcm64k", 0.90),
                Target.perSecondAtLeast(StorageBench.class, "batched node inserts on SQLite",
                        "metagraphBatch", 20_000, "nodes/s"),
                Target.ratioAtLeast(StorageBench.class, "batched node inserts on SQLite vs raw JDBC",
                        "metagraphBatch", "rawJdbcBatch", 0.7),
                Target.percentileAtMost(StorageBench.class, "stream publish to subscriber wake-up p50 (SQLite)",
                        "publishToWakeUp", 50, 5.0, "ms"),
                Target.percentileAtMost(AclBench.class, "ACL check p99, 10k principals and 100k edges (SQLite)",
                        "checkAccess", 99, 1.0, "ms"),
                Target.ratioAtLeast(TenantBench.class, "batched node inserts, tenant store vs system store (SQLite)",
                        "tenantBatch", "systemBatch", 0.9),
                Target.microsAtMost(TenantBench.class, "tenant(orgId) of an open tenant, organisation checked (SQLite)",
                        "tenantLookup", "", 100),
                Target.ratioAtLeast(LoginBench.class, "certificate login decision, storage (SQLite) vs config",
                        "storageCertificate", "configCertificate", 0.8),
                Target.ratioAtLeast(LoginBench.class, "key login decision, storage (SQLite) vs config",
                        "storageKey", "configKey", 0.5),
                Target.perSecondAtLeast(PostgresStorageBench.class, "batched node inserts on PostgreSQL",
                        "metagraphBatch", 20_000, "nodes/s"),
                Target.ratioAtLeast(PostgresStorageBench.class, "batched node inserts on PostgreSQL vs raw JDBC",
                        "metagraphBatch", "rawJdbcBatch", 0.7),
                Target.percentileAtMost(PostgresStorageBench.class,
                        "stream publish to subscriber wake-up p50 (PostgreSQL)", "publishToWakeUp", 50, 5.0, "ms"),
                Target.percentileAtMost(PostgresAclBench.class,
                        "ACL check p99, 10k principals and 100k edges (PostgreSQL)", "checkAccess", 99, 1.0, "ms"));
    }
}
