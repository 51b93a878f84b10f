package org.townbrain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.townbrain.platform.scope.Scope;

class ScopeTest {

    @Test
    void aCountyScopeCoversEverything() {
        assertThat(Scope.county().coversTown("330182109")).isTrue();
        assertThat(Scope.county().coversVillage("330182109", "330182109200")).isTrue();
    }

    @Test
    void aTownScopeCoversOnlyItsTowns() {
        Scope meicheng = Scope.towns(Set.of("330182104"));
        assertThat(meicheng.coversTown("330182104")).isTrue();
        assertThat(meicheng.coversWholeTown("330182104")).isTrue();
        assertThat(meicheng.coversTown("330182109")).isFalse();
        assertThat(meicheng.coversVillage("330182109", "330182109200")).isFalse();
    }

    @Test
    void aVillageScopeSeesItsVillageButNotTheWholeTown() {
        Scope village = Scope.villages("330182104", Set.of("330182104200"));
        assertThat(village.coversVillage("330182104", "330182104200")).isTrue();
        assertThat(village.coversVillage("330182104", "330182104201")).isFalse();
        assertThat(village.coversWholeTown("330182104")).isFalse();
    }

    @Test
    void nobodySeesNothing() {
        assertThat(Scope.none().coversTown("330182104")).isFalse();
    }
}
