package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.townbrain.platform.errors.RejectedException;

class PhoneNumberTest {

    @Test
    void masksTheMiddleFourDigits() {
        assertThat(PhoneNumber.parse("13812341234").masked()).isEqualTo("138****1234");
    }

    @Test
    void neverPrintsTheWholeNumber() {
        PhoneNumber phone = PhoneNumber.parse("+86 138-1234-5678");
        assertThat(phone.digits()).isEqualTo("13812345678");
        assertThat(phone.toString()).isEqualTo("138****5678").doesNotContain("1234");
        assertThat("" + phone).doesNotContain("13812345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1381234123", "138123412345", "12812341234", "0571-8888888", "1381234abcd"})
    void refusesWhatIsNotAMainlandMobileNumber(String input) {
        assertThatThrownBy(() -> PhoneNumber.parse(input)).isInstanceOf(RejectedException.class)
                .extracting(e -> ((RejectedException) e).field()).isEqualTo("phone");
    }
}
