package dev.alknet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void copiesItsInputsSoLaterChangesDoNotLeakIn() {
        List<String> scopes = new ArrayList<>(List.of("relay:connect"));
        Map<String, Set<String>> resources = new HashMap<>(Map.of("service", Set.of("gitea")));
        Identity identity = new Identity("SHA256:abc", Set.copyOf(scopes), resources);
        scopes.add("admin");
        resources.put("db", Set.of("main"));

        assertThat(identity.scopes()).containsExactly("relay:connect");
        assertThat(identity.resources()).containsOnlyKeys("service");
        assertThatThrownBy(() -> identity.scopes().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> identity.resources().get("service").add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityIgnoresOrderOfScopes() {
        Identity a = new Identity("u", new java.util.LinkedHashSet<>(List.of("a", "b")), Map.of());
        Identity b = new Identity("u", new java.util.LinkedHashSet<>(List.of("b", "a")), Map.of());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.scopes()).containsExactly("a", "b");
    }

    @Test
    void answersScopeAndResourceQuestions() {
        Identity identity = new Identity("u", Set.of("relay:connect"), Map.of("service", Set.of("gitea")));
        assertThat(identity.hasScope("relay:connect")).isTrue();
        assertThat(identity.hasScope("admin")).isFalse();
        assertThat(identity.hasResource("service", "gitea")).isTrue();
        assertThat(identity.hasResource("service", "registry")).isFalse();
        assertThat(identity.hasResource("db", "gitea")).isFalse();
        assertThat(identity.isAnonymous()).isFalse();
        assertThat(Identity.anonymous().isAnonymous()).isTrue();
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> new Identity(null, Set.of(), Map.of())).hasMessageContaining("id");
        assertThatThrownBy(() -> Identity.of("u", (String) null)).isInstanceOf(NullPointerException.class);
    }
}
