package org.townbrain.sensing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Writes readings into {@code sensing_reading} with PostgreSQL's binary {@code COPY}: one round
 * trip, no text to parse on the server, and the bulk-insert path. COPY is all or nothing: if any
 * reading is already stored it fails with a unique violation and nothing of the batch is written.
 */
final class ReadingCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private ReadingCopy() {
    }

    /** Copies the rows (distinct on sensor and time) in the connection's current transaction. */
    static void copy(Connection connection, List<TelemetryIngest.Checked> rows, Instant receivedAt) throws SQLException {
        byte[] data = encode(rows, receivedAt);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy sensing_reading (sensor_id, observed_at, value, received_at) from stdin with (format binary)",
                    new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(List<TelemetryIngest.Checked> rows, Instant receivedAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + rows.size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(SIGNATURE);
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
            long received = micros(receivedAt);
            for (TelemetryIngest.Checked row : rows) {
                byte[] id = row.sensorId().getBytes(StandardCharsets.UTF_8);
                out.writeShort(4);
                out.writeInt(id.length);
                out.write(id);
                out.writeInt(8);
                out.writeLong(micros(row.observedAt()));
                out.writeInt(8);
                out.writeDouble(row.value());
                out.writeInt(8);
                out.writeLong(received);
            }
            out.writeShort(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A timestamptz on the wire: microseconds since 2000-01-01 UTC. */
    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L), at.getNano() / 1_000);
    }
}
