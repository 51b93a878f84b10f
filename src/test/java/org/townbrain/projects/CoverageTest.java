package org.townbrain.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CoverageTest {

    @Test
    void isTheShareOfCreatingTownsChecked() {
        assertThat(Coverage.of(Set.of("a", "b"), Set.of("a", "b", "c", "d")).ratio()).isEqualTo(0.5);
        assertThat(Coverage.of(Set.of("a", "b", "c"), Set.of("a", "b", "c")).ratio()).isEqualTo(1.0);
    }

    @Test
    void checksOutsideTheProgrammeDoNotCount() {
        Coverage coverage = Coverage.of(Set.of("a", "outside"), Set.of("a", "b", "c"));
        assertThat(coverage.checked()).isEqualTo(1);
        assertThat(coverage.ratio()).isEqualTo(0.3333);
    }

    @Test
    void isZeroWithNoCreatingTown() {
        assertThat(Coverage.of(Set.of("a"), Set.of()).ratio()).isZero();
    }
}
