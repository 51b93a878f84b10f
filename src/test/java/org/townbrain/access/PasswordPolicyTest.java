package org.townbrain.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void whatTheAttackerGotAcceptedIsRefused() {
        assertThat(PasswordPolicy.violations("chief", "12345678")).contains("password.rule.length", "password.rule.kinds");
        assertThat(PasswordPolicy.violations("chief", "password")).contains("password.rule.common");
        assertThat(PasswordPolicy.violations("chief", "        ")).contains("password.rule.kinds");
        assertThat(PasswordPolicy.violations("chief", "Password2026!")).containsExactly("password.rule.common");
        assertThat(PasswordPolicy.violations("chief", "1qaz2wsx3edc")).contains("password.rule.common");
        assertThat(PasswordPolicy.violations("zhangsan", "Zhangsan#2026")).containsExactly("password.rule.username");
        assertThat(PasswordPolicy.violations("chief", "all lowercase words")).containsExactly("password.rule.kinds");
    }

    @Test
    void aGoodPasswordPasses() {
        assertThat(PasswordPolicy.violations("chief", "Xin'anjiang-17")).isEmpty();
        assertThat(PasswordPolicy.violations("meicheng", "7tB.river.stone")).isEmpty();
    }
}
