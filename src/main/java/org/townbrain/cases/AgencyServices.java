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
import org.townbrain.access.Jurisdiction;
import org.townbrain.access.Role;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Regions;

/**
 * 全程代办: an agent takes a resident's request through the steps of its service type
 * (材料收取 → 部门办理 → 结果送达 by default); the resident follows it by tracking code. The
 * applicant's name and contact are kept for the agent only. Each step has a limit in working days
 * (the official {@link WorkingCalendar}); the request is assigned to an agent (代办员) of its town,
 * and {@link AgencyDeadlineWatch} reminds them when a step nears or passes its deadline.
 */
@Service
class AgencyServices {

    /** A service type: its steps in order and the working days each step may take. */
    record Type(String code, String name, List<String> steps, List<Integer> stepDays) {

        public int daysFor(int step) {
            return step < stepDays.size() ? stepDays.get(step) : 3;
        }
    }

    record Step(int index, String name, Instant doneAt, String note, Instant deadline) {

        public boolean late() {
            return deadline != null && doneAt.isAfter(deadline);
        }
    }

    /** An agent (代办员) a request can be given to. */
    record Agent(String username, String name) {
    }

    record Request(long id, String trackingCode, Type type, String townCode, String summary, int stepIndex, String state,
            String agent, Instant createdAt, int version, List<Step> done, String assignee, String assigneeName,
            Instant stepDeadline, Instant remindedAt, Instant overdueAt) {

        public String currentStep() {
            return stepIndex < type.steps().size() ? type.steps().get(stepIndex) : null;
        }

        /** The current step is past its deadline (as of the last watch, or now when given). */
        public boolean overdue(Instant now) {
            return "OPEN".equals(state) && stepDeadline != null && now.isAfter(stepDeadline);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CODE_CHARS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final JdbcClient jdbc;
    private final Regions regions;
    private final Clock clock;
    private final CalendarStore calendar;
    private final Users users;

    AgencyServices(JdbcClient jdbc, Regions regions, Clock clock, CalendarStore calendar, Users users) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.clock = clock;
        this.calendar = calendar;
        this.users = users;
    }

    List<Type> types() {
        return jdbc.sql("select code, name, steps, step_days from cases_service_type where active order by code")
                .query((rs, n) -> new Type(rs.getString(1), rs.getString(2), Arrays.asList(rs.getString(3).split("\\|")),
                        days(rs.getString(4))))
                .list();
    }

    private static List<Integer> days(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("\\|")).map(String::strip).map(Integer::valueOf).toList();
    }

    /** When a step that starts at {@code start} must be done: the close of its Nth working day after. */
    Instant stepDeadline(Type type, int step, Instant start) {
        return calendar.calendar().endOfNthWorkingDayAfter(start, type.daysFor(step));
    }

    /** The agents whose jurisdiction covers the town. */
    List<Agent> agentsFor(String townCode) {
        return users.withRole(Role.AGENT).stream().filter(u -> covers(u.jurisdiction(), townCode))
                .map(u -> new Agent(u.username(), u.displayName())).toList();
    }

    private static boolean covers(Jurisdiction j, String townCode) {
        return switch (j.level()) {
            case COUNTY -> true;
            case TOWN -> j.code().equals(townCode);
            case VILLAGE -> j.code().startsWith(townCode);
            case CLUSTER -> false;
        };
    }

    /** Gives the request to an agent of its town; the agent sees it in their list and gets its reminders. */
    @Transactional
    Request assign(long id, int version, String username, Scope scope) {
        Request request = visible(id, scope);
        if (!"OPEN".equals(request.state())) {
            throw new ConflictException("代办已办结 / the request is already completed");
        }
        Agent agent = agentsFor(request.townCode()).stream().filter(a -> a.username().equals(username)).findFirst()
                .orElseThrow(() -> new RejectedException("assignee", "请选择本镇街的代办员 / choose an agent of the town"));
        int rows = jdbc.sql("""
                update cases_service_request set assignee = :u, assignee_name = :n, updated_at = :at, version = version + 1
                where id = :id and version = :v""")
                .param("u", agent.username()).param("n", agent.name()).param("at", Timestamp.from(clock.instant()))
                .param("id", id).param("v", version).update();
        if (rows == 0) {
            throw new ConflictException("代办已被他人更新，请刷新 / changed by someone else; reload");
        }
        return find(id).orElseThrow();
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
        return insert(type, townCode, summary, applicantName, applicantContact, agent, clock.instant(), false);
    }

    /** Stores a new request whose first step starts at {@code at}; the demo loader passes earlier instants. */
    Request insert(Type type, String townCode, String summary, String applicantName, String applicantContact,
            String agent, Instant at, boolean demo) {
        String code = code();
        long id = jdbc.sql("""
                insert into cases_service_request (tracking_code, type_code, town_code, summary, applicant_name,
                  applicant_contact, state, agent, created_at, updated_at, step_started_at, step_deadline, demo)
                values (:code, :t, :town, :s, :n, :c, 'OPEN', :a, :at, :at, :at, :dl, :demo) returning id""")
                .param("code", code).param("t", type.code()).param("town", townCode).param("s", summary.strip())
                .param("n", blank(applicantName, 60)).param("c", blank(applicantContact, 120)).param("a", agent)
                .param("at", Timestamp.from(at)).param("dl", Timestamp.from(stepDeadline(type, 0, at)))
                .param("demo", demo).query(Long.class).single();
        return find(id).orElseThrow();
    }

    /** Marks the current step done and moves to the next; the last step completes the request. */
    @Transactional
    Request advance(long id, int version, String note, String actor, Scope scope) {
        return advance(id, version, note, actor, scope, clock.instant());
    }

    Request advance(long id, int version, String note, String actor, Scope scope, Instant now) {
        Request request = visible(id, scope);
        if (!"OPEN".equals(request.state())) {
            throw new ConflictException("代办已办结 / the request is already completed");
        }
        int next = request.stepIndex() + 1;
        String state = next >= request.type().steps().size() ? "DONE" : "OPEN";
        Instant nextDeadline = "OPEN".equals(state) ? stepDeadline(request.type(), next, now) : null;
        int rows = jdbc.sql("""
                update cases_service_request set step_index = :next, state = :st, updated_at = :at, version = version + 1,
                  step_started_at = :at, step_deadline = :dl, reminded_at = null, overdue_at = null
                where id = :id and version = :v""")
                .param("next", next).param("st", state).param("at", Timestamp.from(now)).param("id", id)
                .param("dl", nextDeadline == null ? null : Timestamp.from(nextDeadline)).param("v", version).update();
        if (rows == 0) {
            throw new ConflictException("代办已被他人更新，请刷新 / changed by someone else; reload");
        }
        jdbc.sql("""
                insert into cases_service_step (request_id, step_index, step_name, done_at, actor, note, deadline)
                values (:r, :i, :n, :at, :a, :note, :dl)""")
                .param("r", id).param("i", request.stepIndex()).param("n", request.currentStep())
                .param("at", Timestamp.from(now)).param("a", actor).param("note", blank(note, 500))
                .param("dl", request.stepDeadline() == null ? null : Timestamp.from(request.stepDeadline())).update();
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
        String clean = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!clean.matches("DB[2-9A-HJ-NP-Z]{8}")) {
            throw new NotFoundException("service request");
        }
        Long id = jdbc.sql("select id from cases_service_request where tracking_code = :c").param("c", clean)
                .query(Long.class).optional().orElseThrow(() -> new NotFoundException("service request"));
        return find(id).orElseThrow();
    }

    List<Request> list(Scope scope) {
        return jdbc.sql("select id from cases_service_request order by (state = 'OPEN') desc, step_deadline nulls last, updated_at desc limit 500").query(Long.class)
                .list().stream().map(id -> find(id).orElseThrow()).filter(r -> scope.coversTown(r.townCode())).toList();
    }

    private java.util.Optional<Request> find(long id) {
        List<Type> types = types();
        return jdbc.sql("select * from cases_service_request where id = :id").param("id", id).query((rs, n) -> {
            String typeCode = rs.getString("type_code");
            Type type = types.stream().filter(t -> t.code().equals(typeCode)).findFirst()
                    .orElse(new Type(typeCode, typeCode, List.of(), List.of()));
            return new Request(rs.getLong("id"), rs.getString("tracking_code"), type, rs.getString("town_code"),
                    rs.getString("summary"), rs.getInt("step_index"), rs.getString("state"), rs.getString("agent"),
                    rs.getTimestamp("created_at").toInstant(), rs.getInt("version"), steps(id), rs.getString("assignee"),
                    rs.getString("assignee_name"), instant(rs.getTimestamp("step_deadline")),
                    instant(rs.getTimestamp("reminded_at")), instant(rs.getTimestamp("overdue_at")));
        }).optional();
    }

    private List<Step> steps(long id) {
        return jdbc.sql("""
                select step_index, step_name, done_at, note, deadline from cases_service_step where request_id = :r order by id""")
                .param("r", id).query((rs, n) -> new Step(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), instant(rs.getTimestamp(5)))).list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
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
