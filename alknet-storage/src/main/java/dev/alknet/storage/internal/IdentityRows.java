package dev.alknet.storage.internal;

import dev.alknet.storage.AccessLevel;
import dev.alknet.storage.Account;
import dev.alknet.storage.AccountStatus;
import dev.alknet.storage.ApiKey;
import dev.alknet.storage.AuditEntry;
import dev.alknet.storage.CredentialType;
import dev.alknet.storage.Grant;
import dev.alknet.storage.Membership;
import dev.alknet.storage.MembershipLevel;
import dev.alknet.storage.Organization;
import dev.alknet.storage.PeerCredential;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Column lists and row mappers of the identity tables. */
final class IdentityRows {

    static final String ACCOUNT = "id, email, display_name, access_level, status, scopes, resources, created_at, "
            + "updated_at";
    static final String ORGANIZATION = "id, name, slug, owner_id, scopes, resources, created_at, updated_at";
    static final String MEMBERSHIP = "org_id, account_id, membership_level, created_at";
    static final String CREDENTIAL = "id, owner_id, credential_type, fingerprint, public_key_data, name, enabled, "
            + "expires_at, revoked_at, created_at";
    static final String API_KEY = "id, owner_id, name, enabled, expires_at, revoked_at, created_at, rotated_to_id, "
            + "last_used_at";
    static final String AUDIT = "id, action, owner_id, credential_id, credential_type, org_id, details, created_at";

    private IdentityRows() {
    }

    /** Checks every scope, kind and name of a grant. */
    static Grant check(Grant grant) {
        grant.scopes().forEach(s -> Text.checkName(s, "scope"));
        grant.resources().forEach((kind, names) -> {
            Text.checkName(kind, "resource kind");
            names.forEach(n -> Text.checkName(n, "resource name"));
        });
        return grant;
    }

    static String scopes(Grant grant) {
        return Json.writeList(grant.scopes().stream().toList());
    }

    static String resources(Grant grant) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        grant.resources().forEach((kind, names) -> names.forEach(o.putArray(kind)::add));
        return Json.MAPPER.writeValueAsString(o);
    }

    static Grant grant(String scopes, String resources) {
        Set<String> s = new LinkedHashSet<>(Json.readList(scopes));
        Map<String, Set<String>> r = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : Json.read(resources).properties()) {
            Set<String> names = new LinkedHashSet<>();
            e.getValue().forEach(n -> names.add(n.asString()));
            r.put(e.getKey(), names);
        }
        return new Grant(s, r);
    }

    static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString(1), rs.getString(2), rs.getString(3), level(rs.getString(4)),
                AccountStatus.valueOf(upper(rs.getString(5))), grant(rs.getString(6), rs.getString(7)),
                MetagraphRows.time(rs, 8), MetagraphRows.time(rs, 9));
    }

    static Organization organization(ResultSet rs) throws SQLException {
        return new Organization(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                grant(rs.getString(5), rs.getString(6)), MetagraphRows.time(rs, 7), MetagraphRows.time(rs, 8));
    }

    static Membership membership(ResultSet rs) throws SQLException {
        return new Membership(rs.getString(1), rs.getString(2), MembershipLevel.valueOf(upper(rs.getString(3))),
                MetagraphRows.time(rs, 4));
    }

    static PeerCredential credential(ResultSet rs) throws SQLException {
        return new PeerCredential(rs.getString(1), rs.getString(2), CredentialType.valueOf(upper(rs.getString(3))),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), optionalTime(rs, 8),
                optionalTime(rs, 9), MetagraphRows.time(rs, 10));
    }

    static ApiKey apiKey(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), optionalTime(rs, 5),
                optionalTime(rs, 6), MetagraphRows.time(rs, 7), rs.getString(8), optionalTime(rs, 9));
    }

    static AuditEntry audit(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Json.read(rs.getString(7)), MetagraphRows.time(rs, 8));
    }

    static Instant optionalTime(ResultSet rs, int column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(seconds);
    }

    static Long seconds(Instant at) {
        return at == null ? null : at.getEpochSecond();
    }

    private static AccessLevel level(String stored) {
        return AccessLevel.valueOf(upper(stored));
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
