package org.townbrain.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "91330100799655058B", // 阿里巴巴（中国）有限公司, as published in the national enterprise credit register
            "9144030071526726XG", // 深圳市腾讯计算机系统有限公司
            "914403001922038216", // 华为技术有限公司
            "91110108551385082Q"  // 北京小米科技有限责任公司
    })
    void acceptsRealCodes(String code) {
        assertThat(Uscc.isValid(code)).isTrue();
        assertThat(new Uscc(code).value()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"91330100799655058A", "9144030071526726XZ", "91330100799655058", "91330100799655058BB",
            "9133010079965505IB", "", "91330100799655058b"})
    void refusesWrongCheckCharactersLengthsAndLetters(String code) {
        assertThat(Uscc.isValid(code)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new Uscc(code));
    }

    @Test
    void readsWhatPeopleTypeAndComputesTheCheckCharacter() {
        assertThat(Uscc.parse(" 9144030071526726xg ").value()).isEqualTo("9144030071526726XG");
        assertThat(Uscc.withCheckCharacter("91330100799655058").value()).isEqualTo("91330100799655058B");
        assertThat(new Uscc("914403001922038216").divisionCode()).isEqualTo("440300");
    }
}
