package dev.alknet.host;

import dev.alknet.auth.ConfigIdentityProvider;
import dev.alknet.auth.LoginAuthority;
import dev.alknet.auth.ProviderLogins;
import dev.alknet.core.IdentityProvider;
import dev.alknet.core.config.ConfigReloadHandle;
import dev.alknet.core.config.TokenSettings;
import dev.alknet.storage.IdentityIds;
import dev.alknet.storage.StorageIdentityProvider;
import dev.alknet.storage.StorageService;

/**
 * Who may use {@code alknet serve}: the SSH login decision and the provider that checks call-protocol tokens, both
 * from one source ({@code --identities}).
 *
 * @param tokens checks the tokens of raw and WebSocket listeners against the same keys as SSH logins
 */
record ServeLogins(LoginAuthority logins, IdentityProvider tokens) {

    /** {@code --identities}: where keys and grants come from. */
    enum Source {
        /** The config's authorized keys and CAs, reloadable; the default. */
        CONFIG,
        /**
         * The storage identity tables ({@code alknet identity ...}): identity ids are account ids, token auth follows
         * the config's {@code [auth.token]} as read at start.
         */
        STORAGE
    }

    static ServeLogins of(Source source, ConfigReloadHandle config, StorageService storage) {
        if (source == Source.CONFIG) {
            ConfigIdentityProvider provider = new ConfigIdentityProvider(config);
            return new ServeLogins(provider, provider);
        }
        TokenSettings token = config.current().auth().token();
        StorageIdentityProvider provider = storage.identityProvider(IdentityIds.ACCOUNT, token.maxAge());
        // A disabled token setting refuses every token, as ConfigIdentityProvider does.
        return new ServeLogins(new ProviderLogins(provider, provider),
                token.enabled() ? provider : IdentityProvider.none());
    }
}
