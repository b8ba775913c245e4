package dev.alknet.storage;

class SqliteAclMembershipProperties extends AclMembershipPropertiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.SQLITE;
    }
}
