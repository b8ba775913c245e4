package dev.alknet.storage;

import static dev.alknet.storage.MetagraphContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * After any sequence of membership changes (adds, level changes, removals, organisation creation with its owner),
 * access through the ACL's derived {@code belongs_to} edges is exactly what the {@code organization_members} table
 * says — also after the ACL is reopened and reconciled.
 */
abstract class AclMembershipPropertiesContract {

    private static final int ACCOUNTS = 3;
    private static final int ORGS = 2;

    private final AtomicInteger tries = new AtomicInteger();
    private StorageConfig config;
    private StorageService storage;

    abstract StorageBackend backend();

    /** One membership change: {@code level} null removes the account from the organisation. */
    record Change(int account, int org, MembershipLevel level) {
    }

    @BeforeProperty
    void open() {
        config = backend().freshDatabase();
        storage = StorageService.open(config);
        storage.acl();
    }

    @AfterProperty
    void close() {
        storage.close();
    }

    @Property(tries = 40)
    void accessFollowsTheMembershipTable(@ForAll("owners") List<Integer> owners,
            @ForAll("changes") List<Change> changes, @ForAll boolean reopen) {
        int t = tries.incrementAndGet();
        Identities ids = storage.identities();
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(ids.createAccount("a" + i + "-" + t + "@example.org", null, AccessLevel.USER, Grant.none()));
        }
        List<Organization> orgs = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        for (int o = 0; o < ORGS; o++) {
            Organization org = ids.createOrganization("org " + o + "-" + t, "org" + o + "-" + t,
                    accounts.get(owners.get(o)).id(), Grant.none());
            orgs.add(org);
            String resource = "res-" + o + "-" + t;
            storage.acl().addResource(resource, json("{}"));
            storage.acl().grant(AccessGraph.organizationKey(org.id()), AclAction.READ, resource);
            resources.add(resource);
        }
        for (Change c : changes) {
            String org = orgs.get(c.org()).id();
            String account = accounts.get(c.account()).id();
            if (c.level() == null) {
                ids.removeMember(org, account);
            } else {
                ids.addMember(org, account, c.level());
            }
        }
        if (reopen) {
            storage.close();
            storage = StorageService.open(config);
        }
        AccessGraph acl = storage.acl();
        for (Account a : accounts) {
            Set<String> memberOf = Set.copyOf(storage.identities().memberships(a.id()).stream()
                    .map(Membership::orgId).toList());
            for (int o = 0; o < ORGS; o++) {
                assertThat(acl.checkAccess(AccessGraph.accountKey(a.id()), resources.get(o), AclAction.READ,
                        Set.of())).as("account %s, org %s", a.email(), o).isEqualTo(memberOf.contains(orgs.get(o).id()));
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> owners() {
        return Arbitraries.integers().between(0, ACCOUNTS - 1).list().ofSize(ORGS);
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        Arbitrary<MembershipLevel> level = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(null)),
                Tuple.of(3, Arbitraries.of(MembershipLevel.class)));
        return Combinators.combine(Arbitraries.integers().between(0, ACCOUNTS - 1),
                Arbitraries.integers().between(0, ORGS - 1), level).as(Change::new).list().ofMaxSize(12);
    }
}
