package org.townbrain.sensing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

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
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "copy sensing_reading (sensor_id, observed_at, value, received_at) from stdin with (format binary)");
        try {
            copy.writeToCopy(data, 0, data.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The rows in COPY's binary format: a header, then per row a field count and each field as length and value. */
    private static byte[] encode(List<TelemetryIngest.Checked> rows, Instant receivedAt) {
        List<byte[]> ids = new ArrayList<>(rows.size());
        int size = SIGNATURE.length + 4 + 4 + 2;
        String lastId = null;
        byte[] lastBytes = null;
        for (TelemetryIngest.Checked row : rows) {
            // a batch is mostly one device's readings: encode its id once
            if (!row.sensorId().equals(lastId)) {
                lastId = row.sensorId();
                lastBytes = lastId.getBytes(StandardCharsets.UTF_8);
            }
            ids.add(lastBytes);
            size += 2 + 4 + lastBytes.length + 3 * (4 + 8);
        }
        ByteBuffer out = ByteBuffer.allocate(size); // big-endian, as COPY wants
        out.put(SIGNATURE).putInt(0).putInt(0); // flags, header extension length
        long received = micros(receivedAt);
        for (int i = 0; i < rows.size(); i++) {
            TelemetryIngest.Checked row = rows.get(i);
            byte[] id = ids.get(i);
            out.putShort((short) 4);
            out.putInt(id.length).put(id);
            out.putInt(8).putLong(micros(row.observedAt()));
            out.putInt(8).putDouble(row.value());
            out.putInt(8).putLong(received);
        }
        out.putShort((short) -1);
        return out.array();
    }

    /** A timestamptz on the wire: microseconds since 2000-01-01 UTC. */
    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L), at.getNano() / 1_000);
    }
}
