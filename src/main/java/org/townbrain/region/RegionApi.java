package org.townbrain.region;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.townbrain.platform.errors.NotFoundException;

/** The region JSON API. Region names and codes are public to any logged-in caller. */
@RestController
@RequestMapping("/api/regions")
@Tag(name = "Regions", description = "The county, its clusters, towns and villages")
class RegionApi {

    private final Regions regions;
    private final RegionAdministration administration;

    RegionApi(Regions regions, RegionAdministration administration) {
        this.regions = regions;
        this.administration = administration;
    }

    /** A seat correction: the new WGS-84 position and the {@code version} it was drawn from. */
    record SeatCorrection(Double latitude, Double longitude, Integer version) {

        void check() {
            if (latitude == null || longitude == null || version == null) {
                throw new org.townbrain.platform.errors.RejectedException("seat",
                        "需要 latitude、longitude 和 version / latitude, longitude and version are required");
            }
        }
    }

    /** The corrected seat and the version the next correction must carry. */
    record SeatAnswer(String code, Seat seat, int version, String source) {
    }

    @PutMapping("/towns/{code}/seat")
    @PreAuthorize("hasRole('COUNTY_ADMIN')")
    @Operation(summary = "Correct a town's seat (county admin; 409 on a stale version, 422 outside the county)")
    SeatAnswer correctTownSeat(@PathVariable String code, @RequestBody SeatCorrection body, java.security.Principal who) {
        regions.town(code).orElseThrow(() -> new NotFoundException("town " + code));
        body.check();
        int version = administration.locateTown(code, body.version(), body.longitude(), body.latitude(), "COUNTY_ADMIN",
                who.getName());
        return new SeatAnswer(code, new Seat(body.latitude(), body.longitude()), version, "COUNTY_ADMIN");
    }

    @PutMapping("/villages/{code}/seat")
    @PreAuthorize("hasRole('COUNTY_ADMIN')")
    @Operation(summary = "Correct a village's seat (county admin; 409 on a stale version, 422 outside the county)")
    SeatAnswer correctVillageSeat(@PathVariable String code, @RequestBody SeatCorrection body, java.security.Principal who) {
        regions.village(code).orElseThrow(() -> new NotFoundException("village " + code));
        body.check();
        int version = administration.locateVillage(code, body.version(), body.longitude(), body.latitude(),
                "COUNTY_ADMIN", who.getName());
        return new SeatAnswer(code, new Seat(body.latitude(), body.longitude()), version, "COUNTY_ADMIN");
    }

    @GetMapping("/towns")
    @Operation(summary = "All towns of the county, with kind, type, current tier, programme membership and cluster")
    List<Town> towns() {
        return regions.towns();
    }

    @GetMapping("/towns/{code}")
    @Operation(summary = "One town by its 9-digit division code")
    Town town(@PathVariable String code) {
        return regions.town(code).orElseThrow(() -> new NotFoundException("town " + code));
    }

    @GetMapping("/towns/{code}/villages")
    @Operation(summary = "The villages and communities of a town")
    List<Village> villages(@PathVariable String code) {
        regions.town(code).orElseThrow(() -> new NotFoundException("town " + code));
        return regions.villages(code);
    }

    @GetMapping("/clusters")
    @Operation(summary = "The clusters (片区) with lead town and member towns")
    List<Cluster> clusters() {
        return regions.clusters();
    }

    @GetMapping("/types")
    @Operation(summary = "The town types (创建类型) in use")
    List<TownType> types() {
        return regions.townTypes();
    }

    @GetMapping(value = "/county/boundary", produces = "application/geo+json")
    @Operation(summary = "The county boundary as a GeoJSON geometry (WGS-84, simplified, for display)")
    ResponseEntity<String> boundary() {
        County county = regions.county().orElseThrow(() -> new NotFoundException("county"));
        if (county.boundaryGeoJson() == null) {
            throw new NotFoundException("boundary");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                .contentType(MediaType.parseMediaType("application/geo+json"))
                .body("{\"type\":\"Feature\",\"properties\":{\"code\":\"" + county.code() + "\"},\"geometry\":"
                        + county.boundaryGeoJson() + "}");
    }
}
