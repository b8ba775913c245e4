package dev.alknet.storage;

class SqliteAclMembershipTest extends AclMembershipContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
