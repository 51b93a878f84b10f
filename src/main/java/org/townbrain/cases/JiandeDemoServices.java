package org.townbrain.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Regions;

/**
 * Demo mode only: a dozen 全程代办 requests in Jiande's towns, marked demo, at every stage: new
 * and unassigned, in a department, near or past a step's deadline, completed. They are taken
 * through the real steps (so deadlines come from the working calendar), with invented
 * applicants ("演示") that the public page never shows.
 */
@Component
@Order(25)
@ConditionalOnProperty(name = "townbrain.demo.enabled", havingValue = "true")
class JiandeDemoServices implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(JiandeDemoServices.class);

    /** type, town, summary, days ago opened, steps done, whether to assign. */
    private record Demo(String type, String town, String summary, int daysAgo, int stepsDone, boolean assign) {
    }

    private static final List<Demo> DEMOS = List.of(
            new Demo("RURAL_HOUSE", "330182104", "梅城镇千鹤村农户翻建住房审批代办（演示）", 12, 1, true),
            new Demo("ELDERLY_ALLOWANCE", "330182104", "梅城镇高龄老人津贴申领（演示）", 3, 0, true),
            new Demo("INDIVIDUAL_BUSINESS", "330182104", "梅城古镇严州府前街小吃店个体户登记（演示）", 8, 1, true),
            new Demo("GENERIC", "330182104", "代办残疾人证换领（演示）", 0, 0, false),
            new Demo("INDIVIDUAL_BUSINESS", "330182104", "梅城镇民宿经营登记（演示）", 20, 3, true),
            new Demo("RURAL_HOUSE", "330182109", "寿昌镇农房改建审批代办（演示）", 25, 2, true),
            new Demo("ELDERLY_ALLOWANCE", "330182109", "寿昌镇高龄津贴申领（演示）", 15, 3, true),
            new Demo("GENERIC", "330182109", "代办新农合参保变更（演示）", 1, 0, false),
            new Demo("INDIVIDUAL_BUSINESS", "330182110", "航头镇草莓采摘园个体户登记（演示）", 6, 1, false),
            new Demo("GENERIC", "330182102", "乾潭镇代办不动产登记资料（演示）", 9, 1, false),
            new Demo("RURAL_HOUSE", "330182112", "大同镇农房审批代办（演示）", 4, 0, false),
            new Demo("ELDERLY_ALLOWANCE", "330182113", "李家镇高龄津贴申领（演示）", 30, 3, false));

    private final AgencyServices services;
    private final JdbcClient jdbc;
    private final Regions regions;
    private final TransactionTemplate tx;
    private final Clock clock;

    JiandeDemoServices(AgencyServices services, JdbcClient jdbc, Regions regions, TransactionTemplate tx, Clock clock) {
        this.services = services;
        this.jdbc = jdbc;
        this.regions = regions;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (regions.town("330182104").isEmpty()
                || jdbc.sql("select count(*) from cases_service_request where demo").query(Integer.class).single() > 0) {
            return;
        }
        tx.executeWithoutResult(status -> load());
        log.info("Loaded {} demo agency-service requests for Jiande (marked demo)", DEMOS.size());
    }

    private void load() {
        Instant now = clock.instant();
        List<AgencyServices.Type> types = services.types();
        int n = 0;
        for (Demo demo : DEMOS) {
            if (regions.town(demo.town()).isEmpty()) {
                continue;
            }
            AgencyServices.Type type = types.stream().filter(t -> t.code().equals(demo.type())).findFirst().orElseThrow();
            Instant at = now.minus(Duration.ofDays(demo.daysAgo())).minus(Duration.ofHours(n++ % 5));
            AgencyServices.Request r = services.insert(type, demo.town(), demo.summary(), "申请人（演示）", null,
                    "代办窗口（演示）", at, true);
            if (demo.assign()) {
                var agents = services.agentsFor(demo.town());
                if (!agents.isEmpty()) {
                    r = services.assign(r.id(), r.version(), agents.getFirst().username(), Scope.county());
                }
            }
            Instant step = at;
            for (int s = 0; s < demo.stepsDone() && s < type.steps().size(); s++) {
                step = step.plus(Duration.ofDays(Math.max(1, type.daysFor(s) - 1))).plus(Duration.ofHours(3));
                if (step.isAfter(now)) {
                    step = now.minus(Duration.ofMinutes(30L * (demo.stepsDone() - s)));
                }
                r = services.advance(r.id(), r.version(), null, "代办员（演示）", Scope.county(), step);
            }
        }
    }
}
