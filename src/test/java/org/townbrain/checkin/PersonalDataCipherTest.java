package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another secret, 32 bytes long!!!".getBytes(StandardCharsets.US_ASCII));
    private final PhoneNumber phone = PhoneNumber.parse("13912345678");

    @Test
    void aesGcmRoundTripWithoutThePlainTextInTheCiphertext() {
        PersonalDataCipher cipher = PersonalDataCipher.ofBase64(KEY, "AES-GCM");
        byte[] sealed = cipher.encrypt(phone.digits());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("13912345678");
        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(cipher.decrypt(sealed)).isEqualTo("13912345678");
        assertThat(cipher.encrypt(phone.digits())).as("a fresh nonce every time").isNotEqualTo(sealed);
    }

    @Test
    void sm4GcmRoundTripAndOldRowsStayReadableAfterSwitching() {
        PersonalDataCipher aes = PersonalDataCipher.ofBase64(KEY, "AES-GCM");
        PersonalDataCipher sm4 = PersonalDataCipher.ofBase64(KEY, "SM4-GCM");
        byte[] sealed = sm4.encrypt("王小明");
        assertThat(sealed[0]).isEqualTo((byte) 2);
        assertThat(sm4.decrypt(sealed)).isEqualTo("王小明");
        assertThat(sm4.decrypt(aes.encrypt("13912345678"))).isEqualTo("13912345678");
    }

    @Test
    void tamperedOrForeignCiphertextIsRefused() {
        PersonalDataCipher cipher = PersonalDataCipher.ofBase64(KEY, "AES-GCM");
        byte[] sealed = cipher.encrypt(phone.digits());
        byte[] tampered = Arrays.copyOf(sealed, sealed.length);
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PersonalDataCipher.ofBase64(OTHER_KEY, "AES-GCM").decrypt(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void indexIsStablePerKeyAndDiffersBetweenNumbersAndKeys() {
        PersonalDataCipher cipher = PersonalDataCipher.ofBase64(KEY, "AES-GCM");
        assertThat(cipher.index(phone)).isEqualTo(cipher.index(PhoneNumber.parse("139 1234 5678")));
        assertThat(cipher.index(phone)).isNotEqualTo(cipher.index(PhoneNumber.parse("13912345679")));
        assertThat(cipher.index(phone)).isNotEqualTo(PersonalDataCipher.ofBase64(OTHER_KEY, "AES-GCM").index(phone));
    }

    @Test
    void refusesShortKeysAndUnknownAlgorithms() {
        assertThatThrownBy(() -> PersonalDataCipher.ofBase64(Base64.getEncoder().encodeToString(new byte[16]), "AES-GCM"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PersonalDataCipher.ofBase64(KEY, "DES")).isInstanceOf(IllegalArgumentException.class);
    }
}
