package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;
import org.townbrain.support.IntegrationTest;

/** The bounded sensor list for maps: a subset of all sensors, those with open alarms first. */
@IntegrationTest
class SensorMarkersTests {

    @Autowired
    SensingOverview overview;
    @Autowired
    Regions regions;
    @Autowired
    UserDetailsService users;

    @BeforeEach
    void asCounty() {
        var county = users.loadUserByUsername("county");
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(county, null, county.getAuthorities()));
    }

    @AfterEach
    void nobody() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aLimitedListIsASubsetWithAlarmedSensorsFirst() {
        List<String> towns = regions.towns().stream().map(Town::code).toList();
        List<SensingOverview.SensorPoint> all = overview.sensors(towns);
        assertThat(overview.sensors(towns, all.size() + 10)).containsExactlyInAnyOrderElementsOf(all);
        Set<String> alarmed = overview.openWarnings(towns).stream().map(SensingOverview.OpenWarning::sensorId)
                .collect(Collectors.toSet());
        Set<String> located = all.stream().map(SensingOverview.SensorPoint::sensorId).collect(Collectors.toSet());
        alarmed.retainAll(located);
        List<SensingOverview.SensorPoint> first = overview.sensors(towns, alarmed.size());
        assertThat(first.stream().map(SensingOverview.SensorPoint::sensorId)).containsExactlyInAnyOrderElementsOf(alarmed);
        assertThat(overview.sensors(towns, 1)).hasSizeLessThanOrEqualTo(1);
        assertThat(overview.sensors(towns, 0)).isEmpty();
        assertThat(overview.sensors(List.of(), 5)).isEmpty();
    }
}
