package org.townbrain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.support.IntegrationTest;

@IntegrationTest
class AccessTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JurisdictionScopes scopes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder encoder;

    private String newUser(Role role, Jurisdiction jurisdiction) {
        String username = "t" + Long.toString(System.nanoTime(), 36);
        accounts.create(username, "测试用户", "Correct-Horse-9", role, jurisdiction, false);
        return username;
    }

    @Test
    void passwordsAreStoredWithArgon2() {
        String username = newUser(Role.TOWN_STAFF, new Jurisdiction(Jurisdiction.Level.TOWN, "330182104"));
        assertThat(accounts.loadUserByUsername(username).passwordHash()).startsWith("{argon2}");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void wrongPasswordsSlowTheAddressTheyComeFromButNeverLockTheOwnerOut() throws Exception {
        String username = newUser(Role.TOWN_STAFF, new Jurisdiction(Jurisdiction.Level.TOWN, "330182104"));
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").with(csrf()).with(from("198.51.100.7")).param("username", username).param("password", "wrong"))
                    .andExpect(redirectedUrl("/login?error"));
        }
        // the attacker's address now waits, even with the right password (which is not even checked)
        mvc.perform(post("/login").with(csrf()).with(from("198.51.100.7")).param("username", username).param("password", "wrong"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").with(csrf()).with(from("198.51.100.7")).param("username", username)
                        .param("password", "Correct-Horse-9"))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).startsWith("/login?slow="))
                .andExpect(header().exists("Retry-After"));
        mvc.perform(get("/api/regions/towns").with(from("198.51.100.7")).with(httpBasic(username, "Correct-Horse-9")))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
        // the owner, from their own address, is not held up at all
        mvc.perform(post("/login").with(csrf()).with(from("203.0.113.20")).param("username", username)
                        .param("password", "Correct-Horse-9"))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/api/regions/towns").with(from("203.0.113.20")).with(httpBasic(username, "Correct-Horse-9")))
                .andExpect(status().isOk());
    }

    @Test
    void aPersonalTokenOpensTheApiUntilItIsRevoked() throws Exception {
        String username = newUser(Role.COUNTY_ADMIN, new Jurisdiction(Jurisdiction.Level.COUNTY, "330182"));
        long id = accounts.loadUserByUsername(username).id();
        String token = tokens.issue(id, "报表脚本");
        assertThat(jdbc.sql("select count(*) from access_api_token where token_hash = :h").param("h", ApiTokens.hash(token))
                .query(Integer.class).single()).as("only the hash is stored").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from access_api_token where token_hash = :t").param("t", token)
                .query(Integer.class).single()).isZero();

        mvc.perform(get("/api/regions/towns").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        mvc.perform(get("/api/regions/towns").header("Authorization", "Bearer tb_forged")).andExpect(status().isUnauthorized());
        long tokenId = tokens.of(id).getFirst().id();
        tokens.revoke(id, tokenId);
        mvc.perform(get("/api/regions/towns").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
    }

    @Test
    void everyWriteIsAudited() throws Exception {
        String username = newUser(Role.TOWN_STAFF, new Jurisdiction(Jurisdiction.Level.TOWN, "330182104"));
        mvc.perform(post("/villages/330182104011/grids").with(user(accounts.loadUserByUsername(username))).with(csrf())
                .param("name", "审计网格" + System.nanoTime()));
        assertThat(jdbc.sql("select action from access_audit where username = :u").param("u", username)
                .query(String.class).list()).containsExactly("POST /villages/330182104011/grids");
    }

    @Test
    void onlyCountyAdminsManageUsersAndSeeTheAuditLog() throws Exception {
        mvc.perform(get("/admin/audit").with(user(accounts.loadUserByUsername("meicheng")))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/audit").with(user(accounts.loadUserByUsername("county")))).andExpect(status().isOk());
        mvc.perform(get("/admin/users").with(httpBasic("meicheng", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/admin").with(user(accounts.loadUserByUsername("county")))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("/admin/audit")));
    }

    @Test
    void jurisdictionsBecomeScopes() {
        assertThat(scopes.of(new Jurisdiction(Jurisdiction.Level.COUNTY, "330182"))).isEqualTo(Scope.county());
        assertThat(scopes.of(new Jurisdiction(Jurisdiction.Level.TOWN, "330182104")).townCodes()).containsExactly("330182104");
        long cluster = jdbc.sql("select cluster_id from region_town where code = '330182104'").query(Long.class).single();
        assertThat(scopes.of(new Jurisdiction(Jurisdiction.Level.CLUSTER, String.valueOf(cluster))).townCodes())
                .contains("330182104", "330182108").doesNotContain("330182109");
        Scope village = scopes.of(new Jurisdiction(Jurisdiction.Level.VILLAGE, "330182104011"));
        assertThat(village.coversVillage("330182104", "330182104011")).isTrue();
        assertThat(village.coversVillage("330182104", "330182104012")).isFalse();
    }

    @Test
    void badAccountsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.create("Bad Name", "x", "Long-Enough-17", Role.TOWN_STAFF,
                new Jurisdiction(Jurisdiction.Level.TOWN, "330182104"), false)).isInstanceOf(RejectedException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.create("shortpw", "x", "short", Role.TOWN_STAFF,
                new Jurisdiction(Jurisdiction.Level.TOWN, "330182104"), false)).isInstanceOf(RejectedException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.create("nowhere", "x", "Long-Enough-17", Role.TOWN_STAFF,
                new Jurisdiction(Jurisdiction.Level.TOWN, "330182999"), false)).isInstanceOf(RejectedException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.create("county", "x", "Long-Enough-17", Role.TOWN_STAFF,
                new Jurisdiction(Jurisdiction.Level.TOWN, "330182104"), false)).isInstanceOf(ConflictException.class);
    }

    @Test
    void pagesAndApiSendSecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().exists("Content-Security-Policy"));
    }

    @Test
    void theCountyOfficeCreatesAndChangesUsersAndAStaleEditConflicts() throws Exception {
        var admin = user(accounts.loadUserByUsername("county"));
        String username = "form" + Long.toString(System.nanoTime(), 36);
        mvc.perform(post("/admin/users").with(admin).with(csrf()).param("username", username).param("displayName", "新同事")
                        .param("password", "Long-Enough-17").param("role", "INSPECTOR").param("level", "COUNTY").param("code", "330182"))
                .andExpect(redirectedUrl("/admin/users"));
        AccessUser created = accounts.loadUserByUsername(username);
        mvc.perform(post("/admin/users/" + created.id()).with(admin).with(csrf()).param("version", String.valueOf(created.version()))
                        .param("displayName", "新同事").param("role", "TOWN_STAFF").param("level", "TOWN").param("code", "330182109"))
                .andExpect(redirectedUrl("/admin/users"));
        AccessUser changed = accounts.loadUserByUsername(username);
        assertThat(changed.role()).isEqualTo(Role.TOWN_STAFF);
        assertThat(changed.isEnabled()).as("an unticked box disables the account").isFalse();
        mvc.perform(post("/admin/users/" + created.id()).with(admin).with(csrf()).param("version", String.valueOf(created.version()))
                        .param("displayName", "x").param("role", "TOWN_STAFF").param("level", "TOWN").param("code", "330182109")
                        .param("enabled", "true"))
                .andExpect(status().isConflict());
        mvc.perform(post("/admin/users/" + created.id()).with(admin).with(csrf()).param("version", String.valueOf(changed.version()))
                        .param("displayName", "x").param("role", "TOWN_STAFF").param("level", "TOWN").param("code", "330182"))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void aPublicJsonEndpointAnswersForItselfWithoutACsrfToken() throws Exception {
        mvc.perform(post("/api/telemetry").contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("[]"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/villages/330182104011/grids").param("name", "x")).andExpect(status().isForbidden());
    }

    @Test
    void aWeakPasswordIsRefusedNextToItsFieldWhileDemoAccountsKeepTheirs() throws Exception {
        var admin = user(accounts.loadUserByUsername("county"));
        for (String weak : new String[] {"12345678", "password", "        ", "Password2026!", "Weakling-weakling"}) {
            String username = "weakling";
            mvc.perform(post("/admin/users").with(admin).with(csrf()).param("username", username).param("displayName", "弱")
                            .param("password", weak).param("role", "INSPECTOR").param("level", "COUNTY").param("code", "330182"))
                    .andExpect(status().isOk())
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                            org.hamcrest.Matchers.matchesPattern("(?s).*name=\"password\"[^>]*aria-invalid=\"true\".*"
                                    + "<small id=\"new-user-password-help\" class=\"field-error\">.*")));
        }
        assertThat(jdbc.sql("select count(*) from access_user where username = 'weakling'").query(Long.class).single()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.changePassword(
                accounts.loadUserByUsername("meicheng").id(), "demo", "meicheng-2026-A"))
                .isInstanceOf(RejectedException.class)
                .satisfies(e -> assertThat(((RejectedException) e).field()).isEqualTo("password"));
        mvc.perform(post("/login").with(csrf()).with(from("192.0.2.44")).param("username", "meicheng").param("password", "demo"))
                .andExpect(redirectedUrl("/"));
    }
}
