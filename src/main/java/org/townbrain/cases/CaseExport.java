package org.townbrain.cases;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.scope.Scope;

/**
 * Exports a case search to XLSX as a stream: rows come from a server-side cursor (fetch size
 * 1000) and are flushed to the response as they are written, so memory stays flat whatever the
 * number of rows. Never exports the reporter's name or contact.
 */
@Component
class CaseExport {

    static final int MAX_ROWS = 1_000_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final NamedParameterJdbcTemplate jdbc;
    private final CaseQueries queries;
    private final ZoneId zone;

    CaseExport(DataSource dataSource, CaseQueries queries, ZoneId countyZone) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(1000);
        this.jdbc = new NamedParameterJdbcTemplate(template);
        this.queries = queries;
        this.zone = countyZone;
    }

    /** Writes the matching cases; returns the number of rows. */
    @Transactional(readOnly = true)
    int write(CaseQueries.Filter filter, Scope scope, Map<String, String> header, OutputStream out) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = queries.where(filter, scope, params);
        Workbook workbook = new Workbook(out, "TownBrain", "1.0");
        Worksheet sheet = workbook.newWorksheet("cases");
        int c = 0;
        for (String title : header.values()) {
            sheet.value(0, c++, title);
        }
        int[] row = {1};
        jdbc.query("""
                select c.ref, c.source, c.state, c.category_code, k.name, c.town_code, c.unit, c.description, c.reported_at,
                  c.deadline, c.closed_at, c.closing_reason, c.closed_on_time, c.rework_count
                from cases_case c join cases_category k on k.code = c.category_code""" + where
                + " order by c.reported_at, c.id limit " + MAX_ROWS, params, rs -> {
                    int r = row[0]++;
                    // inline strings: a shared-string table would grow with every distinct ref and description
                    for (int i = 1; i <= 8; i++) {
                        String text = rs.getString(i);
                        if (text != null) {
                            sheet.inlineString(r, i - 1, text);
                        }
                    }
                    for (int i = 9; i <= 11; i++) {
                        java.sql.Timestamp t = rs.getTimestamp(i);
                        if (t != null) {
                            sheet.inlineString(r, i - 1, TIME.format(t.toInstant().atZone(zone)));
                        }
                    }
                    String reason = rs.getString(12);
                    if (reason != null) {
                        sheet.inlineString(r, 11, reason);
                    }
                    Object onTime = rs.getObject(13);
                    if (onTime != null) {
                        sheet.inlineString(r, 12, (Boolean) onTime ? "Y" : "N");
                    }
                    sheet.value(r, 13, rs.getInt(14));
                    if (r % 1000 == 0) {
                        try {
                            sheet.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
        try {
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return row[0] - 1;
    }
}
