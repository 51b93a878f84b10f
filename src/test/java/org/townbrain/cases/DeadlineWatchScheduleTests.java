package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/**
 * The deadline watch as the scheduler runs it ({@code scheduled()}, not the inner pass), seen at
 * the duty group's webhook: an overdue case reaches the group once, also when two instances
 * (here two threads on the one database) run the job at the same moment.
 */
@IntegrationTest
class DeadlineWatchScheduleTests {

    static final String MEICHENG = "330182104";

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired DeadlineWatch deadlines;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer hook;
    /** The duty group's roster entry: other tests' groups for the town get their own deliveries. */
    private long roster;

    @BeforeEach
    void dutyGroup() throws Exception {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        String created = mvc.perform(post("/api/notify/roster").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"townCode":"%s","name":"梅城督办群 %s","channel":"WEBHOOK","target":"http://127.0.0.1:%d/hook","minSeverity":2}"""
                                .formatted(MEICHENG, UUID.randomUUID().toString().substring(0, 6), hook.getAddress().getPort())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        roster = json.readTree(created).get("id").asLong();
        releaseJobs();
    }

    @AfterEach
    void stop() {
        jdbc.sql("update notify_roster set active = false where id = :id").param("id", roster).update();
        hook.stop(0);
        releaseJobs();
    }

    /** As if the job's period had passed: the next scheduled run may take it again. */
    private void releaseJobs() {
        jdbc.sql("update platform_job_lock set lock_until = locked_at").update();
    }

    @Test
    void theScheduledWatchSendsTheEscalationToTheDutyGroup() throws Exception {
        Overdue kase = overdueCase();

        deadlines.scheduled();

        await().atMost(Duration.ofSeconds(20)).until(() -> hooked(kase) == 1);
        assertThat(received.stream().filter(body -> body.contains(kase.ref())).findFirst().orElseThrow())
                .contains("督办").contains("case:" + kase.id() + ":ESCALATION");
        assertThat(deliveryStatus(kase)).isEqualTo("SENT");
        assertThat(escalations(kase)).isOne();
    }

    @Test
    void twoInstancesRunningTheWatchAtOnceEscalateACaseOnce() throws Exception {
        Overdue kase = overdueCase();

        twiceAtOnce(deadlines::scheduled);
        await().atMost(Duration.ofSeconds(20)).until(() -> settled(kase));
        // the job lock aside, two passes at once still take each step once
        releaseJobs();
        Overdue other = overdueCase();
        twiceAtOnce(deadlines::check);
        await().atMost(Duration.ofSeconds(20)).until(() -> settled(other));

        for (Overdue c : List.of(kase, other)) {
            assertThat(escalations(c)).isOne();
            assertThat(jdbc.sql("select count(*) from notify_delivery where reference = :r and roster_id = :roster")
                    .param("r", "case:" + c.id() + ":ESCALATION").param("roster", roster).query(Integer.class).single()).isOne();
            assertThat(hooked(c)).isOne();
        }
    }

    private record Overdue(long id, String ref) {
    }

    private Overdue overdueCase() throws Exception {
        String body = """
                {"categoryCode":"E0102","townCode":"%s","longitude":119.47,"latitude":29.55,"description":"定时督办 %s"}"""
                .formatted(MEICHENG, UUID.randomUUID());
        var created = json.readTree(mvc.perform(post("/api/cases").with(httpBasic("county", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getContentAsString());
        long id = created.get("id").asLong();
        act(id, "accept");
        act(id, "dispatch");
        jdbc.sql("update cases_case set dispatched_at = now() - interval '3 days', deadline = now() - interval '1 hour' where id = :id")
                .param("id", id).update();
        String ref = jdbc.sql("select ref from cases_case where id = :id").param("id", id).query(String.class).single();
        return new Overdue(id, ref);
    }

    private void act(long id, String action) throws Exception {
        int version = json.readTree(mvc.perform(get("/api/cases/" + id).with(httpBasic("county", "demo")))
                .andReturn().getResponse().getContentAsString()).get("version").asInt();
        mvc.perform(post("/api/cases/" + id + "/" + action).with(httpBasic("county", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}"))
                .andExpect(status().isOk());
    }

    private static void twiceAtOnce(Runnable job) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            List<Future<?>> runs = List.of(two.submit(() -> {
                start.await();
                job.run();
                return null;
            }), two.submit(() -> {
                start.await();
                job.run();
                return null;
            }));
            for (Future<?> run : runs) {
                run.get();
            }
        }
    }

    /** Every notice about the case handled by its listener, and every delivery of it sent: nothing more is coming. */
    private boolean settled(Overdue kase) {
        int open = jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like :e")
                .param("e", "%\"caseId\":" + kase.id() + ",%").query(Integer.class).single();
        List<String> deliveries = jdbc.sql("select status from notify_delivery where reference = :r and roster_id = :roster")
                .param("r", "case:" + kase.id() + ":ESCALATION").param("roster", roster).query(String.class).list();
        return open == 0 && !deliveries.isEmpty() && deliveries.stream().allMatch("SENT"::equals);
    }

    private long hooked(Overdue kase) {
        return received.stream().filter(body -> body.contains("\"case:" + kase.id() + ":ESCALATION\"")).count();
    }

    private int escalations(Overdue kase) {
        return jdbc.sql("select count(*) from cases_event where case_id = :id and type = 'ESCALATED'").param("id", kase.id())
                .query(Integer.class).single();
    }

    private String deliveryStatus(Overdue kase) {
        return jdbc.sql("select status from notify_delivery where reference = :r and roster_id = :roster")
                .param("r", "case:" + kase.id() + ":ESCALATION").param("roster", roster).query(String.class).single();
    }
}
