package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VenueCodeTest {

    @Test
    void randomCodesAreTenUpperCaseCrockfordCharactersAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String code = VenueCode.random().value();
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{10}");
            seen.add(code);
        }
        assertThat(seen).hasSize(20_000);
    }

    @Test
    void codesAreNotSequential() {
        String a = VenueCode.random().value();
        String b = VenueCode.random().value();
        assertThat(a.substring(0, 9)).isNotEqualTo(b.substring(0, 9));
    }

    @Test
    void parsesWhatPeopleTypeAndRefusesTheRest() {
        assertThat(VenueCode.parse("abcd0ef1gh")).map(VenueCode::value).contains("ABCD0EF1GH");
        assertThat(VenueCode.parse("ABCDoEFlGH")).map(VenueCode::value).contains("ABCD0EF1GH");
        assertThat(VenueCode.parse("ABCDUEF1GH")).isEmpty(); // U is not in Crockford's alphabet
        assertThat(VenueCode.parse("ABC")).isEmpty();
        assertThat(VenueCode.parse(null)).isEmpty();
        assertThat(VenueCode.parse("../../etc/")).isEmpty();
    }
}
