package org.townbrain.access;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.access.Jurisdiction.Level;

/**
 * Demo mode: creates the published demo accounts (password {@code demo}) once, and says so at
 * every start so nobody runs a demo database in production by accident.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "townbrain.demo.enabled", havingValue = "true")
class DemoUsers implements ApplicationRunner {

    static final String PASSWORD = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private record Demo(String username, String displayName, Role role, Level level, String code) {
    }

    private static final List<Demo> USERS = List.of(
            new Demo("county", "市美丽城镇办（演示）", Role.COUNTY_ADMIN, Level.COUNTY, "330182"),
            new Demo("meicheng", "梅城镇工作人员（演示）", Role.TOWN_STAFF, Level.TOWN, "330182104"),
            new Demo("shouchang", "寿昌镇工作人员（演示）", Role.TOWN_STAFF, Level.TOWN, "330182109"),
            new Demo("grid.meicheng", "梅城镇网格员（演示）", Role.GRID_WORKER, Level.TOWN, "330182104"),
            new Demo("grid.dayang", "大洋村网格员（演示）", Role.GRID_WORKER, Level.VILLAGE, "330182107238"),
            new Demo("grid.qianhe", "千鹤村网格员（演示）", Role.GRID_WORKER, Level.VILLAGE, "330182104232"),
            new Demo("inspector", "督查员（演示）", Role.INSPECTOR, Level.COUNTY, "330182"),
            new Demo("duty", "值班员（演示）", Role.DUTY_OFFICER, Level.COUNTY, "330182"),
            new Demo("agent.meicheng", "梅城镇代办员（演示）", Role.AGENT, Level.TOWN, "330182104"),
            new Demo("agent.meicheng2", "梅城镇代办员二（演示）", Role.AGENT, Level.TOWN, "330182104"),
            new Demo("agent.shouchang", "寿昌镇代办员（演示）", Role.AGENT, Level.TOWN, "330182109"));

    private final Accounts accounts;
    private final UserRepository users;

    DemoUsers(Accounts accounts, UserRepository users) {
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Demo demo : USERS) {
            if (users.byUsername(demo.username()).isEmpty()) {
                accounts.create(demo.username(), demo.displayName(), PASSWORD, demo.role(),
                        new Jurisdiction(demo.level(), demo.code()), true);
            }
        }
        log.warn("DEMO MODE: accounts county, meicheng, shouchang, grid.meicheng, grid.dayang, grid.qianhe, inspector, duty, agent.meicheng, agent.meicheng2, agent.shouchang with password "
                + "'demo'. Turn off with TOWNBRAIN_DEMO_ENABLED=false; never expose a demo instance.");
    }
}
