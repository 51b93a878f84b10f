package org.townbrain.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Regions;

/**
 * Inspections (明查/暗访) and supervision orders (督办单). An inspection's findings are cases;
 * an order bundles findings (or new points) for one town with a deadline, and closes by itself
 * when its last point is closed after verification ({@link OrderProgress}).
 */
@Service
class SupervisionOrders {

    enum Mode { OPEN, COVERT }

    record Inspection(long id, String title, Mode mode, String townCode, String inspectors, String checklist,
            LocalDate heldOn, boolean demo, long findings) {
    }

    record Order(long id, String ref, String title, String townCode, String issuedBy, Instant issuedAt, LocalDate deadline,
            Long inspectionId, String state, Instant closedAt, boolean demo, long points, long pointsClosed) {
    }

    private static final String ORDER_SELECT = """
            select o.*, (select count(*) from cases_case c where c.order_id = o.id and c.state not in ('VOIDED','MERGED')) as points,
              (select count(*) from cases_case c where c.order_id = o.id and c.state = 'CLOSED') as points_closed
            from cases_order o""";

    private final JdbcClient jdbc;
    private final Regions regions;
    private final Clock clock;

    SupervisionOrders(JdbcClient jdbc, Regions regions, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.clock = clock;
    }

    @Transactional
    long startInspection(String title, Mode mode, String townCode, String inspectors, String checklist, LocalDate heldOn,
            String createdBy, Scope scope, boolean demo) {
        requireTown(townCode, scope);
        if (title == null || title.isBlank() || title.length() > 120 || mode == null || heldOn == null) {
            throw new RejectedException("title", "请填写名称、方式和日期 / title, mode and date are required");
        }
        return jdbc.sql("""
                insert into cases_inspection (title, mode, town_code, inspectors, checklist, held_on, created_by, demo)
                values (:t, :m, :town, :i, :c, :d, :by, :demo) returning id""")
                .param("t", title.strip()).param("m", mode.name()).param("town", townCode)
                .param("i", inspectors == null ? "" : inspectors.strip()).param("c", checklist == null ? "" : checklist.strip())
                .param("d", heldOn).param("by", createdBy).param("demo", demo).query(Long.class).single();
    }

    /** Issues an order to the inspection's town and makes the given findings its points. */
    @Transactional
    long issue(String title, String townCode, LocalDate deadline, Long inspectionId, List<Long> findingIds,
            String issuedBy, Scope scope, boolean demo) {
        requireTown(townCode, scope);
        if (title == null || title.isBlank() || title.length() > 160) {
            throw new RejectedException("title", "请填写督办单标题 / a title is required");
        }
        Instant now = clock.instant();
        if (deadline == null || deadline.isBefore(LocalDate.ofInstant(now, clock.getZone()))) {
            throw new RejectedException("deadline", "整改期限不能早于今天 / the deadline cannot be in the past");
        }
        long seq = jdbc.sql("select nextval('cases_order_id_seq')").query(Long.class).single();
        String ref = "DB" + LocalDate.ofInstant(now, clock.getZone()).getYear() + "-" + String.format("%04d", seq);
        jdbc.sql("""
                insert into cases_order (id, ref, title, town_code, issued_by, issued_at, deadline, inspection_id, state, demo)
                values (:id, :ref, :t, :town, :by, :at, :dl, :insp, 'OPEN', :demo)""")
                .param("id", seq).param("ref", ref).param("t", title.strip()).param("town", townCode).param("by", issuedBy)
                .param("at", Timestamp.from(now)).param("dl", deadline).param("insp", inspectionId).param("demo", demo)
                .update();
        if (findingIds != null && !findingIds.isEmpty()) {
            int attached = jdbc.sql("""
                    update cases_case set order_id = :o, version = version + 1
                    where id in (:ids) and town_code = :town and order_id is null and state not in ('CLOSED','VOIDED','MERGED')""")
                    .param("o", seq).param("ids", findingIds).param("town", townCode).update();
            if (attached != findingIds.size()) {
                throw new RejectedException("findings", "部分问题不能纳入本督办单（已结案、已在其他督办单或不属于该镇街）"
                        + " / some findings cannot join this order");
            }
        }
        return seq;
    }

    List<Inspection> inspections(Scope scope) {
        return jdbc.sql("""
                select i.*, (select count(*) from cases_case c where c.inspection_id = i.id) as findings
                from cases_inspection i order by held_on desc, id desc limit 500""")
                .query((rs, n) -> new Inspection(rs.getLong("id"), rs.getString("title"), Mode.valueOf(rs.getString("mode")),
                        rs.getString("town_code"), rs.getString("inspectors"), rs.getString("checklist"),
                        rs.getObject("held_on", LocalDate.class), rs.getBoolean("demo"), rs.getLong("findings")))
                .list().stream().filter(i -> scope.coversTown(i.townCode())).toList();
    }

    Inspection inspection(long id, Scope scope) {
        return inspections(Scope.county()).stream().filter(i -> i.id() == id).findFirst()
                .map(i -> {
                    if (!scope.coversTown(i.townCode())) {
                        throw new OutOfScopeException("inspection");
                    }
                    return i;
                }).orElseThrow(() -> new NotFoundException("inspection"));
    }

    List<Order> orders(Scope scope) {
        return jdbc.sql(ORDER_SELECT + " order by o.issued_at desc, o.id desc").query(this::map).list().stream()
                .filter(o -> scope.coversTown(o.townCode())).toList();
    }

    Order order(long id, Scope scope) {
        Order order = jdbc.sql(ORDER_SELECT + " where o.id = :id").param("id", id).query(this::map).optional()
                .orElseThrow(() -> new NotFoundException("order"));
        if (!scope.coversTown(order.townCode())) {
            throw new OutOfScopeException("order");
        }
        return order;
    }

    Optional<Long> orderOfInspection(long inspectionId) {
        return jdbc.sql("select id from cases_order where inspection_id = :i order by id limit 1").param("i", inspectionId)
                .query(Long.class).optional();
    }

    private void requireTown(String townCode, Scope scope) {
        if (townCode == null || regions.town(townCode).isEmpty()) {
            throw new RejectedException("townCode", "请选择镇街 / choose the town");
        }
        if (!scope.coversTown(townCode)) {
            throw new RejectedException("townCode", "该镇街不在您的辖区 / that town is outside your jurisdiction");
        }
    }

    private Order map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Order(rs.getLong("id"), rs.getString("ref"), rs.getString("title"), rs.getString("town_code"),
                rs.getString("issued_by"), rs.getTimestamp("issued_at").toInstant(), rs.getObject("deadline", LocalDate.class),
                (Long) rs.getObject("inspection_id"), rs.getString("state"), closed == null ? null : closed.toInstant(),
                rs.getBoolean("demo"), rs.getLong("points"), rs.getLong("points_closed"));
    }
}
