package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.townbrain.platform.errors.RejectedException;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "914403001922038216", // 华为技术有限公司
            "9144030071526726XG", // 深圳市腾讯计算机系统有限公司
            "91330100716105852F", // 阿里巴巴（中国）有限公司
            "91110108551385082Q", // 小米科技有限责任公司
            "91110000802100433B"})
    void acceptsRealPublishedCodes(String code) {
        assertThat(Uscc.isValid(code)).isTrue();
        assertThat(Uscc.parse(" " + code.toLowerCase() + " ").value()).isEqualTo(code);
    }

    @Test
    void rejectsAWrongCheckCharacter() {
        assertThat(Uscc.isValid("914403001922038217")).isFalse();
        assertThat(Uscc.isValid("9144030071526726XH")).isFalse();
    }

    @Test
    void rejectsLettersOutsideTheCharsetAndWrongLengths() {
        assertThat(Uscc.isValid("91440300192203821")).isFalse();
        assertThat(Uscc.isValid("9144030019220382I6")).isFalse(); // I is not in the charset
        assertThat(Uscc.isValid("91A403001922038216")).isFalse(); // division code must be digits
        assertThat(Uscc.isValid(null)).isFalse();
        assertThatThrownBy(() -> Uscc.parse("123")).isInstanceOf(RejectedException.class);
    }

    @Test
    void computesTheCheckCharacterOfGeneratedCodes() {
        String first17 = "91330182MA2H00001";
        String code = first17 + Uscc.checkCharacter(first17);
        assertThat(Uscc.isValid(code)).isTrue();
        assertThat(new Uscc(code).divisionCode()).isEqualTo("330182");
    }
}
