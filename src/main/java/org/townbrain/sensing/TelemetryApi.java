package org.townbrain.sensing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.townbrain.platform.scope.ScopeProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Readings in. Devices post JSON batches to {@code /api/telemetry} with
 * {@code Authorization: Device <token>} (the path needs no login: the device token is checked
 * here); staff upload CSV files to {@code /api/sensing/telemetry.csv} with their own login.
 */
@RestController
@Tag(name = "Telemetry", description = "Sensor readings in: device JSON batches and CSV upload")
class TelemetryApi {

    static final int MAX_BATCH = 50_000;

    private final Telemetry telemetry;
    private final Devices devices;
    private final ScopeProvider scopes;
    private final ObjectMapper json;

    TelemetryApi(Telemetry telemetry, Devices devices, ScopeProvider scopes, ObjectMapper json) {
        this.telemetry = telemetry;
        this.devices = devices;
        this.scopes = scopes;
        this.json = json;
    }

    /** The answer: how many rows came, were stored, were already there, and each bad row's error. */
    record Answer(int received, int stored, int duplicates, List<TelemetryIngest.RowError> rejected) {
        static Answer of(TelemetryIngest.Report r) {
            return new Answer(r.received(), r.stored(), r.duplicates(), r.rejected());
        }
    }

    @PostMapping(path = "/api/telemetry", consumes = "application/json")
    @Operation(summary = "A device's batch of readings: [{sensorId, observedAt, value}], Authorization: Device <token>")
    ResponseEntity<?> post(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Device ", 0, 7)
                ? authorization.substring(7).strip() : null;
        String deviceId = devices.authenticate(token).orElse(null);
        if (deviceId == null) {
            return problem(HttpStatus.UNAUTHORIZED, "设备令牌无效或缺失 / missing or wrong device token (Authorization: Device <token>)");
        }
        List<TelemetryIngest.Incoming> rows;
        try {
            rows = TelemetryJson.rows(json, body);
        } catch (JacksonException | IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST,
                    "请求体应为 JSON 数组 [{sensorId, observedAt, value}] / body must be a JSON array of {sensorId, observedAt, value}");
        }
        if (rows.size() > MAX_BATCH) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "每批最多 " + MAX_BATCH + " 条 / at most " + MAX_BATCH + " rows a batch");
        }
        return ResponseEntity.ok(Answer.of(telemetry.accept(rows, deviceId, null)));
    }

    @PostMapping(path = "/api/sensing/telemetry.csv", consumes = {"text/csv", "text/plain"})
    @Operation(summary = "Readings as CSV (sensor_id,observed_at,value), for sensors in the caller's towns")
    ResponseEntity<?> csv(@RequestBody(required = false) String body) throws IOException {
        CsvRows csv = csvRows(body);
        List<TelemetryIngest.Incoming> rows = csv.rows();
        List<Integer> malformed = csv.malformed();
        if (rows.size() > MAX_BATCH) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "每次最多 " + MAX_BATCH + " 行 / at most " + MAX_BATCH + " rows");
        }
        TelemetryIngest.Report report = telemetry.accept(rows, null, scopes.current());
        List<TelemetryIngest.RowError> errors = report.rejected().stream()
                .map(e -> malformed.contains(e.index())
                        ? new TelemetryIngest.RowError(e.index(), null, "malformed CSV row: expected sensor_id,observed_at,value / 行格式错误")
                        : e)
                .toList();
        return ResponseEntity.ok(new Answer(report.received(), report.stored(), report.duplicates(), errors));
    }

    /** A CSV upload's rows ({@code null} where a line is malformed) and the malformed lines' indexes. */
    record CsvRows(List<TelemetryIngest.Incoming> rows, List<Integer> malformed) {
    }

    /** Splits an uploaded CSV (sensor_id,observed_at,value; header and blank lines skipped) into rows. */
    static CsvRows csvRows(String body) throws IOException {
        List<TelemetryIngest.Incoming> rows = new ArrayList<>();
        List<Integer> malformed = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(body == null ? "" : body))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("sensor_id")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 3) {
                    malformed.add(rows.size());
                    rows.add(null);
                    continue;
                }
                rows.add(new TelemetryIngest.Incoming(f[0].strip(), f[1].strip(), f[2].strip()));
            }
        }
        return new CsvRows(rows, malformed);
    }

    /** The ingest log did not take the readings: nothing was promised, the device sends them again later. */
    @org.springframework.web.bind.annotation.ExceptionHandler(KafkaReadingLog.Unavailable.class)
    ResponseEntity<ProblemDetail> logUnavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        "暂时无法接收读数，请稍后重发 / readings cannot be taken in right now: send them again later"));
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
