package org.townbrain.checkin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Encrypts personal data at rest and computes the keyed-hash index that finds a phone number
 * without decrypting anything. Two keys are derived from one configured secret, so a leaked
 * index cannot be reversed without the secret, and the secret never sits in the database.
 *
 * <p>Ciphertext layout: one byte naming the algorithm (1 = AES-256-GCM, 2 = SM4-GCM), a 12-byte
 * nonce, then the ciphertext with its 16-byte tag. Old rows stay readable when the algorithm
 * for new rows changes.
 */
final class PersonalDataCipher {

    private static final byte AES_GCM = 1;
    private static final byte SM4_GCM = 2;
    private static final byte[] AAD = "townbrain.checkin.v1".getBytes(StandardCharsets.US_ASCII);
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final SecretKeySpec aesKey;
    private final SecretKeySpec sm4Key;
    private final SecretKeySpec indexKey;
    private final byte algorithm;
    private final SecureRandom random = new SecureRandom();

    PersonalDataCipher(byte[] secret, String algorithm) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("townbrain.checkin.phone-key must be base64 of at least 32 bytes");
        }
        byte[] encryption = hmac(secret, "phone-encryption".getBytes(StandardCharsets.US_ASCII));
        this.aesKey = new SecretKeySpec(encryption, "AES");
        this.sm4Key = new SecretKeySpec(Arrays.copyOf(encryption, 16), "SM4");
        this.indexKey = new SecretKeySpec(hmac(secret, "phone-index".getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
        this.algorithm = switch (algorithm) {
            case "AES-GCM" -> AES_GCM;
            case "SM4-GCM" -> SM4_GCM;
            default -> throw new IllegalArgumentException("townbrain.checkin.cipher must be AES-GCM or SM4-GCM");
        };
    }

    static PersonalDataCipher ofBase64(String secret, String algorithm) {
        return new PersonalDataCipher(Base64.getDecoder().decode(secret.strip()), algorithm);
    }

    byte[] encrypt(String plain) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(algorithm, Cipher.ENCRYPT_MODE, nonce);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[1 + nonce.length + sealed.length];
            out[0] = algorithm;
            System.arraycopy(nonce, 0, out, 1, nonce.length);
            System.arraycopy(sealed, 0, out, 1 + nonce.length, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    String decrypt(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            Cipher cipher = cipher(sealed[0], Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 13));
            return new String(cipher.doFinal(sealed, 13, sealed.length - 13), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // a wrong key or a tampered row: never fall back to anything readable
            throw new IllegalStateException("decryption failed (wrong key or tampered data)", e);
        }
    }

    /** The keyed hash of a phone number: equal numbers give equal indexes, nothing else does. */
    byte[] index(PhoneNumber phone) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return mac.doFinal(phone.digits().getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Cipher cipher(byte id, int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = switch (id) {
            case AES_GCM -> init(Cipher.getInstance("AES/GCM/NoPadding"), mode, aesKey, nonce);
            case SM4_GCM -> init(Cipher.getInstance("SM4/GCM/NoPadding", BOUNCY_CASTLE), mode, sm4Key, nonce);
            default -> throw new GeneralSecurityException("unknown algorithm " + id);
        };
        cipher.updateAAD(AAD);
        return cipher;
    }

    private static Cipher init(Cipher cipher, int mode, SecretKeySpec key, byte[] nonce) throws GeneralSecurityException {
        cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        return cipher;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
