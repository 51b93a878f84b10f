package org.townbrain.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DivisionCodeTest {

    @Test
    void knowsItsLevelFromItsLength() {
        assertThat(new DivisionCode("330182").level()).isEqualTo(DivisionCode.Level.COUNTY);
        assertThat(new DivisionCode("330182104").level()).isEqualTo(DivisionCode.Level.TOWN);
        assertThat(new DivisionCode("330182104200").level()).isEqualTo(DivisionCode.Level.VILLAGE);
    }

    @Test
    void aVillageLiesWithinItsTownAndCounty() {
        DivisionCode village = new DivisionCode("330182104200");
        assertThat(village.isWithin(new DivisionCode("330182104"))).isTrue();
        assertThat(village.isWithin(new DivisionCode("330182"))).isTrue();
        assertThat(village.isWithin(new DivisionCode("330182109"))).isFalse();
        assertThat(village.countyCode()).isEqualTo("330182");
    }

    @Test
    void rejectsAnythingButSixNineOrTwelveDigits() {
        for (String bad : new String[] {"", "33018", "3301821", "33018210a", "3301821042001", " 330182"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> new DivisionCode(bad));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new DivisionCode(null));
    }

    @Test
    void townKindFollowsTheNameThenTheCodeConvention() {
        assertThat(TownKind.of("新安江街道", "330182001")).isEqualTo(TownKind.SUBDISTRICT);
        assertThat(TownKind.of("梅城镇", "330182104")).isEqualTo(TownKind.TOWN);
        assertThat(TownKind.of("钦堂乡", "330182202")).isEqualTo(TownKind.TOWNSHIP);
        assertThat(TownKind.of("某某办事处", "330182050")).isEqualTo(TownKind.SUBDISTRICT);
        assertThat(TownKind.of("某某民族", "330182250")).isEqualTo(TownKind.TOWNSHIP);
    }
}
