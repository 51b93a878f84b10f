package org.townbrain.cases;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A supervision order closes when its last open point closes, and opens again if one reopens. */
final class OrderProgress {

    private OrderProgress() {
    }

    static void update(JdbcClient jdbc, long orderId, Instant at) {
        int open = jdbc.sql("""
                select count(*) from cases_case where order_id = :o and state not in ('CLOSED', 'VOIDED', 'MERGED')""")
                .param("o", orderId).query(Integer.class).single();
        if (open == 0) {
            jdbc.sql("update cases_order set state = 'CLOSED', closed_at = :at, version = version + 1 where id = :o and state = 'OPEN'")
                    .param("at", Timestamp.from(at)).param("o", orderId).update();
        } else {
            jdbc.sql("update cases_order set state = 'OPEN', closed_at = null, version = version + 1 where id = :o and state = 'CLOSED'")
                    .param("o", orderId).update();
        }
    }
}
