package org.townbrain.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;

/**
 * What a password must be when a person sets one, after GB/T 22239-2019 (等保 2.0) level 3's
 * "complexity and regular change" requirement: at least {@value #MIN_LENGTH} characters, three of
 * the four kinds (lower case, upper case, digits, other), not a common password (not even with
 * digits or symbols added at the end), not containing the user name. Demo accounts, whose
 * password is published on purpose, are created without it.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = load();

    /** The rules a password breaks, as message keys ({@code password.rule.*}); empty when it is acceptable. */
    static List<String> violations(String username, String password) {
        List<String> broken = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            broken.add("password.rule.length");
            if (password == null) {
                return broken;
            }
        }
        if (password.length() > MAX_LENGTH) {
            broken.add("password.rule.tooLong");
        }
        if (kinds(password) < 3) {
            broken.add("password.rule.kinds");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || COMMON.contains(lower.replaceAll("[^\\p{L}]+$", ""))
                || COMMON.contains(lower.replaceAll("^[^\\p{L}]+", ""))) {
            broken.add("password.rule.common");
        }
        if (username != null && username.strip().length() >= 2
                && lower.contains(username.strip().toLowerCase(Locale.ROOT))) {
            broken.add("password.rule.username");
        }
        return broken;
    }

    private static int kinds(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else if (!Character.isWhitespace(c)) {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource("access/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            in.lines().map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#"))
                    .forEach(s -> words.add(s.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }

    private PasswordPolicy() {
    }
}
