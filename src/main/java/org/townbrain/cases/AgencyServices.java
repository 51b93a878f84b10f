package org.townbrain.cases;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Regions;

/**
 * 全程代办: an agent takes a resident's request through the steps of its service type
 * (材料收取 → 部门办理 → 结果送达 by default); the resident follows it by tracking code. The
 * applicant's name and contact are kept for the agent only.
 */
@Service
class AgencyServices {

    record Type(String code, String name, List<String> steps) {
    }

    record Step(int index, String name, Instant doneAt, String note) {
    }

    record Request(long id, String trackingCode, Type type, String townCode, String summary, int stepIndex, String state,
            String agent, Instant createdAt, int version, List<Step> done) {

        public String currentStep() {
            return stepIndex < type.steps().size() ? type.steps().get(stepIndex) : null;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CODE_CHARS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final JdbcClient jdbc;
    private final Regions regions;
    private final Clock clock;

    AgencyServices(JdbcClient jdbc, Regions regions, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.clock = clock;
    }

    List<Type> types() {
        return jdbc.sql("select code, name, steps from cases_service_type where active order by code")
                .query((rs, n) -> new Type(rs.getString(1), rs.getString(2), Arrays.asList(rs.getString(3).split("\\|"))))
                .list();
    }

    @Transactional
    Request open(String typeCode, String townCode, String summary, String applicantName, String applicantContact,
            String agent, Scope scope) {
        Type type = types().stream().filter(t -> t.code().equals(typeCode)).findFirst()
                .orElseThrow(() -> new RejectedException("type", "未知的代办事项 / unknown service type"));
        if (townCode == null || regions.town(townCode).isEmpty() || !scope.coversTown(townCode)) {
            throw new RejectedException("townCode", "请选择辖区内的镇街 / choose a town in your jurisdiction");
        }
        if (summary == null || summary.isBlank() || summary.length() > 500) {
            throw new RejectedException("summary", "请填写事项说明（最多 500 字）/ describe the request");
        }
        Instant now = clock.instant();
        String code = code();
        long id = jdbc.sql("""
                insert into cases_service_request (tracking_code, type_code, town_code, summary, applicant_name,
                  applicant_contact, state, agent, created_at, updated_at)
                values (:code, :t, :town, :s, :n, :c, 'OPEN', :a, :at, :at) returning id""")
                .param("code", code).param("t", type.code()).param("town", townCode).param("s", summary.strip())
                .param("n", blank(applicantName, 60)).param("c", blank(applicantContact, 120)).param("a", agent)
                .param("at", Timestamp.from(now)).query(Long.class).single();
        return find(id).orElseThrow();
    }

    /** Marks the current step done and moves to the next; the last step completes the request. */
    @Transactional
    Request advance(long id, int version, String note, String actor, Scope scope) {
        Request request = visible(id, scope);
        if (!"OPEN".equals(request.state())) {
            throw new ConflictException("代办已办结 / the request is already completed");
        }
        Instant now = clock.instant();
        int next = request.stepIndex() + 1;
        String state = next >= request.type().steps().size() ? "DONE" : "OPEN";
        int rows = jdbc.sql("""
                update cases_service_request set step_index = :next, state = :st, updated_at = :at, version = version + 1
                where id = :id and version = :v""")
                .param("next", next).param("st", state).param("at", Timestamp.from(now)).param("id", id)
                .param("v", version).update();
        if (rows == 0) {
            throw new ConflictException("代办已被他人更新，请刷新 / changed by someone else; reload");
        }
        jdbc.sql("""
                insert into cases_service_step (request_id, step_index, step_name, done_at, actor, note)
                values (:r, :i, :n, :at, :a, :note)""")
                .param("r", id).param("i", request.stepIndex()).param("n", request.currentStep())
                .param("at", Timestamp.from(now)).param("a", actor).param("note", blank(note, 500)).update();
        return find(id).orElseThrow();
    }

    Request visible(long id, Scope scope) {
        Request request = find(id).orElseThrow(() -> new NotFoundException("service request"));
        if (!scope.coversTown(request.townCode())) {
            throw new OutOfScopeException("service request");
        }
        return request;
    }

    Request byCode(String code) {
        Long id = jdbc.sql("select id from cases_service_request where tracking_code = :c").param("c", code.toUpperCase())
                .query(Long.class).optional().orElseThrow(() -> new NotFoundException("service request"));
        return find(id).orElseThrow();
    }

    List<Request> list(Scope scope) {
        return jdbc.sql("select id from cases_service_request order by state, updated_at desc limit 500").query(Long.class)
                .list().stream().map(id -> find(id).orElseThrow()).filter(r -> scope.coversTown(r.townCode())).toList();
    }

    private java.util.Optional<Request> find(long id) {
        List<Type> types = types();
        return jdbc.sql("select * from cases_service_request where id = :id").param("id", id).query((rs, n) -> {
            String typeCode = rs.getString("type_code");
            Type type = types.stream().filter(t -> t.code().equals(typeCode)).findFirst()
                    .orElse(new Type(typeCode, typeCode, List.of()));
            return new Request(rs.getLong("id"), rs.getString("tracking_code"), type, rs.getString("town_code"),
                    rs.getString("summary"), rs.getInt("step_index"), rs.getString("state"), rs.getString("agent"),
                    rs.getTimestamp("created_at").toInstant(), rs.getInt("version"), steps(id));
        }).optional();
    }

    private List<Step> steps(long id) {
        return jdbc.sql("select step_index, step_name, done_at, note from cases_service_step where request_id = :r order by id")
                .param("r", id).query((rs, n) -> new Step(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4))).list();
    }

    private static String code() {
        StringBuilder sb = new StringBuilder("DB");
        for (int i = 0; i < 8; i++) {
            sb.append(CODE_CHARS[RANDOM.nextInt(CODE_CHARS.length)]);
        }
        return sb.toString();
    }

    private static String blank(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }
}
