package org.townbrain.sensing;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The alarm inbox as JSON. */
@RestController
@RequestMapping("/api/sensing")
class AlarmsApi {

    private final Alarms alarms;
    private final LiveForecaster forecaster;
    private final org.townbrain.access.Users users;
    private final Devices devices;

    AlarmsApi(Alarms alarms, LiveForecaster forecaster, org.townbrain.access.Users users, Devices devices) {
        this.alarms = alarms;
        this.forecaster = forecaster;
        this.users = users;
        this.devices = devices;
    }

    /** One nowcast window for a rain gauge, as a weather service issues it. */
    record NowcastWindow(@jakarta.validation.constraints.NotBlank String gaugeId,
            @jakarta.validation.constraints.NotNull java.time.OffsetDateTime issuedAt,
            @jakarta.validation.constraints.NotNull java.time.OffsetDateTime validFrom,
            @jakarta.validation.constraints.NotNull java.time.OffsetDateTime validTo,
            @jakarta.validation.constraints.PositiveOrZero double rainMm) {
    }

    @PostMapping("/nowcasts")
    @Operation(summary = "Rain nowcasts for gauges of the caller's towns: [{gaugeId, issuedAt, validFrom, validTo, rainMm}]; "
            + "the forecaster uses them from the next reading; a gauge outside the caller's towns answers 404 and nothing is stored")
    java.util.Map<String, Integer> nowcasts(
            @org.springframework.web.bind.annotation.RequestBody @jakarta.validation.Valid List<NowcastWindow> windows) {
        Roles.require(users, Roles.HANDLE_ALARMS);
        // every gauge must be one the caller may see: a gauge of another town (or none) answers 404, nothing is stored
        windows.stream().map(w -> w.gaugeId().strip()).distinct().forEach(devices::visible);
        List<org.townbrain.sensing.forecast.Nowcasts.Window> accepted = windows.stream()
                .filter(w -> w.validTo().isAfter(w.validFrom()))
                .map(w -> new org.townbrain.sensing.forecast.Nowcasts.Window(w.gaugeId().strip(), w.issuedAt().toEpochSecond(),
                        w.validFrom().toEpochSecond(), w.validTo().toEpochSecond(), w.rainMm()))
                .toList();
        forecaster.nowcasts(accepted);
        return java.util.Map.of("accepted", accepted.size(), "rejected", windows.size() - accepted.size());
    }

    @GetMapping("/alarms")
    @Operation(summary = "Alarms in the caller's towns, newest first (open only unless all=true)")
    List<AlarmView> list(@RequestParam(defaultValue = "false") boolean all) {
        return alarms.list(!all);
    }

    @GetMapping("/alarms/{id}")
    AlarmView one(@PathVariable long id) {
        return alarms.one(id);
    }

    @PostMapping("/alarms/{id}/acknowledge")
    @Operation(summary = "Acknowledge an active alarm; version must match (409 otherwise)")
    AlarmView acknowledge(@PathVariable long id, @RequestParam int version) {
        return alarms.acknowledge(id, version);
    }
}
