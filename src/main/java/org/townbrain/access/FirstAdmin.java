package org.townbrain.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.townbrain.region.Regions;

/**
 * Outside demo mode there are no default users: the first county admin comes from
 * {@code TOWNBRAIN_ACCESS_ADMIN_USERNAME} and {@code TOWNBRAIN_ACCESS_ADMIN_PASSWORD} when the
 * user table is empty (or from the {@code create-admin} command).
 */
@Component
@Order(20)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AccessProperties properties;
    private final UserRepository users;
    private final Accounts accounts;
    private final Regions regions;

    FirstAdmin(AccessProperties properties, UserRepository users, Accounts accounts, Regions regions) {
        this.properties = properties;
        this.users = users;
        this.accounts = accounts;
        this.regions = regions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        if (!StringUtils.hasText(properties.adminUsername()) || !StringUtils.hasText(properties.adminPassword())) {
            log.warn("No users yet. Create the first county admin: java -jar townbrain.jar create-admin <username>, "
                    + "or set TOWNBRAIN_ACCESS_ADMIN_USERNAME and TOWNBRAIN_ACCESS_ADMIN_PASSWORD");
            return;
        }
        regions.county().ifPresentOrElse(county -> {
            accounts.create(properties.adminUsername(), "County administrator", properties.adminPassword(),
                    Role.COUNTY_ADMIN, new Jurisdiction(Jurisdiction.Level.COUNTY, county.code()), false);
            log.info("Created the first county admin '{}'", properties.adminUsername());
        }, () -> log.warn("No county imported yet: run import-divisions before creating the first admin"));
    }
}
