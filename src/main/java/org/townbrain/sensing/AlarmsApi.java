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
@RequestMapping("/api/sensing/alarms")
class AlarmsApi {

    private final Alarms alarms;

    AlarmsApi(Alarms alarms) {
        this.alarms = alarms;
    }

    @GetMapping
    @Operation(summary = "Alarms in the caller's towns, newest first (open only unless all=true)")
    List<AlarmView> list(@RequestParam(defaultValue = "false") boolean all) {
        return alarms.list(!all);
    }

    @GetMapping("/{id}")
    AlarmView one(@PathVariable long id) {
        return alarms.one(id);
    }

    @PostMapping("/{id}/acknowledge")
    @Operation(summary = "Acknowledge an active alarm; version must match (409 otherwise)")
    AlarmView acknowledge(@PathVariable long id, @RequestParam int version) {
        return alarms.acknowledge(id, version);
    }
}
