package org.townbrain.village;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.townbrain.access.Users;
import org.townbrain.sensing.VillageSensors;

/** The village small brains as JSON: {@code GET /api/village-brains} and {@code /api/village-brains/{villageCode}}. */
@RestController
@RequestMapping("/api/village-brains")
class VillageBrainsApi {

    record Enable(String villageCode) {
    }

    private final VillageBrains brains;
    private final VillageWork work;
    private final VillageSensors sensors;
    private final Users users;

    VillageBrainsApi(VillageBrains brains, VillageWork work, VillageSensors sensors, Users users) {
        this.brains = brains;
        this.work = work;
        this.sensors = sensors;
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "Villages with a small brain in the caller's jurisdiction: code, name, town")
    List<VillageBrain.Summary> list() {
        return brains.list();
    }

    @GetMapping("/{villageCode}")
    @Operation(summary = "A village's small brain: production, life and ecology scenarios with live figures and open alarms; "
            + "404 for a village without one or outside the caller's jurisdiction")
    VillageBrain brain(@PathVariable String villageCode) {
        return brains.brain(villageCode);
    }

    @PostMapping
    @Operation(summary = "Give a village of the caller's jurisdiction a small brain (town staff and above); 409 if it has one")
    ResponseEntity<VillageBrain.Summary> enable(@RequestBody Enable enable) {
        VillageBrain.Summary summary = brains.enable(enable.villageCode());
        return ResponseEntity.created(URI.create("/api/village-brains/" + summary.code())).body(summary);
    }

    @PostMapping("/{villageCode}/sensors/{sensorId}")
    @Operation(summary = "Place a registered sensor of the village's town in the village: its persisting alarms become the village's cases")
    Map<String, String> place(@PathVariable String villageCode, @PathVariable String sensorId) {
        brains.visibleVillage(villageCode);
        if (users.current().map(u -> !VillageBrains.MANAGE.contains(u.role())).orElse(true)) {
            throw new AccessDeniedException("role");
        }
        sensors.place(sensorId, villageCode);
        return Map.of("sensorId", sensorId, "villageCode", villageCode);
    }

    @PostMapping("/{villageCode}/elders")
    @Operation(summary = "Enrol an elder living alone, with the consent recorded: method CHECKIN (daily) or METER (smart meter sensor)")
    ResponseEntity<Map<String, Object>> enrol(@PathVariable String villageCode, @RequestBody VillageWork.Enrolment enrolment) {
        return ResponseEntity.status(201).body(Map.of("id", work.enrol(villageCode, enrolment)));
    }

    @PostMapping("/{villageCode}/elders/{elderId}/check-in")
    @Operation(summary = "An elder's daily check-in; version must match (409 otherwise)")
    Map<String, Object> checkIn(@PathVariable String villageCode, @PathVariable long elderId, @RequestParam int version) {
        return Map.of("checkedInAt", work.checkIn(villageCode, elderId, version));
    }

    @PostMapping("/{villageCode}/waste-checks")
    @Operation(summary = "A household group's waste-sorting check; below the target it becomes a case of the village")
    Map<String, Object> wasteCheck(@PathVariable String villageCode, @RequestBody VillageWork.WasteCheck check) {
        return Map.of("caseRequested", work.wasteCheck(villageCode, check));
    }

    @PostMapping("/{villageCode}/reports")
    @Operation(summary = "Report burning or littering in the village (kind BURNING or LITTERING): a case for its grid worker")
    ResponseEntity<Map<String, Object>> report(@PathVariable String villageCode, @RequestBody VillageWork.Report report) {
        long id = work.report(villageCode, report);
        return ResponseEntity.status(201).body(Map.of("id", id));
    }
}
