package dev.alknet.callproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.core.Identity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessControlTest {

    private static final Identity READER = new Identity("SHA256:r", Set.of("fs:read", "user"),
            Map.of("service", Set.of("read")));

    @Test
    void noRestrictionsLetsEveryoneIn() {
        assertThat(AccessControl.none().hasRestrictions()).isFalse();
        assertThat(AccessControl.none().allows(Identity.anonymous())).isTrue();
    }

    @Test
    void allOfNeedsEveryScope() {
        assertThat(AccessControl.allOf("fs:read", "user").allows(READER)).isTrue();
        assertThat(AccessControl.allOf("fs:read", "admin").allows(READER)).isFalse();
    }

    @Test
    void anyOfNeedsOneScopeAndEmptyMeansNoRequirement() {
        assertThat(AccessControl.anyOf("admin", "user").allows(READER)).isTrue();
        assertThat(AccessControl.anyOf("admin", "root").allows(READER)).isFalse();
        assertThat(new AccessControl(List.of(), List.of(), null, null).allows(READER)).isTrue();
    }

    @Test
    void resourcesNeedTheTypeAndTheAction() {
        assertThat(AccessControl.resource("service", null).allows(READER)).isTrue();
        assertThat(AccessControl.resource("service", "read").allows(READER)).isTrue();
        assertThat(AccessControl.resource("service", "write").allows(READER)).isFalse();
        assertThat(AccessControl.resource("repo", null).allows(READER)).isFalse();
        assertThatThrownBy(() -> new AccessControl(List.of(), List.of(), null, "read"))
                .hasMessageContaining("needs a resourceType");
    }

    @Test
    void conditionsCombine() {
        AccessControl both = AccessControl.resource("service", "read").andAllOf("admin");
        assertThat(both.allows(READER)).isFalse();
        assertThat(both.hasRestrictions()).isTrue();
        assertThat(both.allows(Identity.anonymous())).isFalse();
    }
}
