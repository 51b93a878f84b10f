package org.townbrain.access;

import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;

/** Creates and changes user accounts, and counts failed logins (shown to administrators). */
@Service
class Accounts implements UserDetailsService {

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final Regions regions;
    private final MessageSource messages;

    Accounts(UserRepository users, PasswordEncoder encoder, Regions regions, MessageSource messages) {
        this.messages = messages;
        this.users = users;
        this.encoder = encoder;
        this.regions = regions;
    }

    @Override
    public AccessUser loadUserByUsername(String username) {
        return users.byUsername(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    List<AccessUser> all() {
        return users.all();
    }

    Optional<AccessUser> byId(long id) {
        return users.byId(id);
    }

    /**
     * Creates a user. The password rule is waived only for demo accounts, whose password is
     * published on purpose.
     */
    @Transactional
    long create(String username, String displayName, String password, Role role, Jurisdiction jurisdiction,
            boolean demo) {
        if (!username.matches("[a-z0-9._-]{2,40}")) {
            throw new RejectedException("username", "用户名为 2–40 位小写字母、数字或 . _ - / 2–40 lower-case letters, digits, . _ -");
        }
        if (!demo) {
            checkPassword(username, password);
        }
        checkJurisdiction(jurisdiction);
        if (users.byUsername(username).isPresent()) {
            throw new ConflictException("用户名已存在 / username taken: " + username);
        }
        return users.insert(username, displayName, encoder.encode(password), role, jurisdiction);
    }

    @Transactional
    void update(long id, int version, String displayName, Role role, Jurisdiction jurisdiction, boolean enabled) {
        checkJurisdiction(jurisdiction);
        if (!users.update(id, version, displayName, role, jurisdiction, enabled)) {
            throw new ConflictException("该用户已被他人修改，请刷新后重试 / changed by someone else; reload and retry");
        }
    }

    @Transactional
    void changePassword(long id, String currentPassword, String newPassword) {
        AccessUser user = users.byId(id).orElseThrow();
        if (!encoder.matches(currentPassword, user.passwordHash())) {
            throw new RejectedException("currentPassword", "当前密码不正确 / current password is wrong");
        }
        checkPassword(user.username(), newPassword);
        users.changePassword(id, encoder.encode(newPassword));
    }

    /** Refuses a password that breaks the {@link PasswordPolicy}, naming every rule it breaks. */
    void checkPassword(String username, String password) {
        List<String> broken = PasswordPolicy.violations(username, password);
        if (!broken.isEmpty()) {
            java.util.Locale locale = LocaleContextHolder.getLocale();
            throw new RejectedException("password", String.join(" ", broken.stream().map(key -> messages.getMessage(key,
                    new Object[] {PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH}, key, locale)).toList()));
        }
    }

    private void checkJurisdiction(Jurisdiction jurisdiction) {
        boolean exists = switch (jurisdiction.level()) {
            case COUNTY -> regions.county().map(c -> c.code().equals(jurisdiction.code())).orElse(false);
            case CLUSTER -> regions.cluster(Long.parseLong(jurisdiction.code())).isPresent();
            case TOWN -> regions.town(jurisdiction.code()).isPresent();
            case VILLAGE -> regions.village(jurisdiction.code()).isPresent();
        };
        if (!exists) {
            throw new RejectedException("jurisdiction", "辖区不存在 / no such area: " + jurisdiction.code());
        }
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        // counted for the administrators' view only: accounts are never locked (LoginBackoff slows the address)
        users.recordFailure(event.getAuthentication().getName());
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AccessUser user && user.failedLogins() > 0) {
            users.recordSuccess(user.username());
        }
    }
}
