package org.townbrain.tourism;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The tourism module's read API for other modules (cockpit, evaluation): totals per town and period. */
@Service
public class TourismStatistics {

    private final JdbcClient jdbc;

    TourismStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Visitors and revenue of some towns over a period. */
    public record Totals(long visitors, BigDecimal revenueYuan) {
    }

    /** Totals per town code for the towns given (all towns on record when {@code townCodes} is null). */
    public Map<String, Totals> byTown(Collection<String> townCodes, LocalDate from, LocalDate to) {
        Map<String, Totals> totals = new java.util.HashMap<>();
        var spec = jdbc.sql("select town_code, coalesce(sum(visitors), 0), coalesce(sum(revenue_yuan), 0) from tourism_daily "
                + "where day between :from and :to" + (townCodes == null ? "" : " and town_code in (:towns)")
                + " group by town_code").param("from", from).param("to", to);
        if (townCodes != null) {
            if (townCodes.isEmpty()) {
                return totals;
            }
            spec = spec.param("towns", townCodes);
        }
        spec.query(rs -> {
            totals.put(rs.getString(1), new Totals(rs.getLong(2), rs.getBigDecimal(3)));
        });
        return totals;
    }
}
