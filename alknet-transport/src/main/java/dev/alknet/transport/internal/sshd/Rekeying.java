package dev.alknet.transport.internal.sshd;

import dev.alknet.transport.RekeyLimit;
import org.apache.sshd.common.helpers.AbstractFactoryManager;
import org.apache.sshd.core.CoreModuleProperties;

/** Puts a {@link RekeyLimit} on a MINA client or server; its sessions inherit it. */
public final class Rekeying {

    private Rekeying() {
    }

    public static void apply(AbstractFactoryManager manager, RekeyLimit limit) {
        CoreModuleProperties.REKEY_BYTES_LIMIT.set(manager, limit.bytes());
        CoreModuleProperties.REKEY_TIME_LIMIT.set(manager, limit.interval());
    }
}
