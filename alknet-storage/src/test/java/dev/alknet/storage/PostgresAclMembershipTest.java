package dev.alknet.storage;

class PostgresAclMembershipTest extends AclMembershipContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
