package dev.alknet.storage;

class PostgresAclMembershipProperties extends AclMembershipPropertiesContract {

    @Override
    StorageBackend backend() {
        return StorageBackend.POSTGRESQL;
    }
}
