package org.townbrain.region;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import tools.jackson.databind.ObjectMapper;

/**
 * The county overview, cluster, town and village pages. Names and codes are public to every
 * logged-in user; a town's or village's own page is jurisdictional and answers 404 outside the
 * caller's scope.
 */
@Controller
class RegionPages {

    static final String[] CLUSTER_COLORS = {"#d9480f", "#1971c2", "#2f9e44", "#9c36b5", "#e67700", "#0c8599"};

    private final Regions regions;
    private final RegionAdministration administration;
    private final ScopeProvider scopes;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final String tiandituKey;
    private final String tiandituLayer;
    private final GridStore gridStore;

    private final java.time.ZoneId countyZone;

    RegionPages(Regions regions, RegionAdministration administration, ScopeProvider scopes, ObjectMapper json,
            MessageSource messages, @Value("${townbrain.map.tianditu-key:}") String tiandituKey,
            @Value("${townbrain.map.tianditu-layer:vec}") String tiandituLayer, GridStore gridStore,
            java.time.ZoneId countyZone) {
        this.countyZone = countyZone;
        this.tiandituLayer = tiandituLayer;
        this.gridStore = gridStore;
        this.regions = regions;
        this.administration = administration;
        this.scopes = scopes;
        this.json = json;
        this.messages = messages;
        this.tiandituKey = tiandituKey;
    }

    @GetMapping("/")
    String home(HttpServletRequest request) {
        Scope scope = scopes.current();
        if (!scope.wholeCounty() && scope.townCodes().size() == 1) {
            return "redirect:/towns/" + scope.townCodes().iterator().next();
        }
        return "redirect:/overview";
    }

    @GetMapping("/overview")
    String overview(Model model) {
        County county = regions.county().orElseThrow(() -> new NotFoundException("county"));
        List<Town> towns = regions.towns();
        List<Cluster> clusters = regions.clusters();
        common(model, county, towns, clusters);
        Map<String, Long> tierCounts = towns.stream().collect(Collectors.groupingBy(t -> t.tier().name(), Collectors.counting()));
        model.addAttribute("tierCounts", tierCounts);
        model.addAttribute("inProgramme", towns.stream().filter(Town::inProgramme).count());
        model.addAttribute("villageCount", administration.villageCounts().values().stream().mapToInt(Integer::intValue).sum());
        model.addAttribute("mapData", mapData(county, clusters));
        model.addAttribute("chartData", chartData(towns));
        model.addAttribute("positionSources", positionSources(towns));
        return "region/overview";
    }

    @GetMapping("/clusters/{id}")
    String cluster(@PathVariable long id, Model model) {
        County county = regions.county().orElseThrow(() -> new NotFoundException("county"));
        Cluster cluster = regions.cluster(id).orElseThrow(() -> new NotFoundException("cluster"));
        List<Town> towns = regions.towns();
        List<Cluster> clusters = regions.clusters();
        common(model, county, towns, clusters);
        model.addAttribute("cluster", cluster);
        model.addAttribute("clusterForm", administration.clusterForm(id).orElseThrow());
        model.addAttribute("members", towns.stream().filter(t -> cluster.memberTownCodes().contains(t.code())).toList());
        model.addAttribute("mapData", mapData(county, List.of(cluster)));
        return "region/cluster";
    }

    @GetMapping("/towns/{code}")
    String town(@PathVariable String code, Model model, HttpServletRequest request) {
        Town town = scopedTown(code);
        County county = regions.county().orElseThrow();
        RegionAdministration.TownProfile profile = administration.profile(code).orElseThrow();
        model.addAttribute("county", county);
        model.addAttribute("town", town);
        model.addAttribute("profile", profile);
        model.addAttribute("cluster", town.clusterId() == null ? null : regions.cluster(town.clusterId()).orElse(null));
        model.addAttribute("typeName", typeNames().get(town.type()));
        model.addAttribute("tiers", administration.tiers(code));
        model.addAttribute("villages", regions.villages(code));
        model.addAttribute("villageRows", administration.villageRows(code));
        model.addAttribute("canLocate", request.isUserInRole("COUNTY_ADMIN") || request.isUserInRole("TOWN_STAFF"));
        model.addAttribute("canAdminister", request.isUserInRole("COUNTY_ADMIN"));
        model.addAttribute("types", regions.townTypes());
        model.addAttribute("clusterChoices", regions.clusters());
        model.addAttribute("tierChoices", Tier.values());
        model.addAttribute("tiandituKey", tiandituKey);
        model.addAttribute("tiandituLayer", tiandituLayer);
        model.addAttribute("gridsUrl", "/api/regions/grids?town=" + code);
        model.addAttribute("fitGrids", "true");
        List<GridStore.Stored> stored = gridStore.all(code);
        model.addAttribute("unitGrids", stored.stream().map(GridStore.Stored::grid).toList());
        model.addAttribute("demoGrids", stored.stream().filter(GridStore.Stored::demo).map(s -> s.grid().code()).toList());
        Map<String, String> villageNames = new LinkedHashMap<>();
        regions.villages(code).forEach(v -> villageNames.put(v.code(), v.name()));
        model.addAttribute("villageNames", villageNames);
        Map<String, Object> map = new LinkedHashMap<>();
        List<Map<String, Object>> markers = new ArrayList<>();
        if (profile.longitude() != null) {
            markers.add(marker(town.name(), profile.longitude(), profile.latitude(), null, "#d9480f"));
        }
        for (Village v : regions.villages(code)) {
            if (v.seat() != null) {
                markers.add(marker(v.name(), v.seat().longitude(), v.seat().latitude(), "/villages/" + v.code(), "#0b7285"));
            }
        }
        map.put("markers", markers);
        map.put("fit", markers.isEmpty() ? "boundary" : "markers");
        model.addAttribute("positionSource", positionSource(profile.longitude() != null, profile.provenance()));
        model.addAttribute("mapData", json.writeValueAsString(map));
        return "region/town";
    }

    @GetMapping("/villages/{code}")
    String village(@PathVariable String code, Model model, HttpServletRequest request) {
        Village village = scopedVillage(code);
        RegionAdministration.VillageProfile profile = administration.villageProfile(code).orElseThrow();
        model.addAttribute("profile", profile);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("markers", profile.longitude() == null ? List.of()
                : List.of(marker(village.name(), profile.longitude(), profile.latitude(), null, "#0b7285")));
        map.put("fit", profile.longitude() == null ? "boundary" : "markers");
        model.addAttribute("mapData", json.writeValueAsString(map));
        model.addAttribute("tiandituKey", tiandituKey);
        model.addAttribute("tiandituLayer", tiandituLayer);
        model.addAttribute("gridsUrl", "/api/regions/grids?town=" + village.townCode());
        model.addAttribute("positionSource", positionSource(profile.longitude() != null, profile.provenance()));
        model.addAttribute("county", regions.county().orElseThrow());
        model.addAttribute("town", regions.town(village.townCode()).orElseThrow());
        model.addAttribute("village", village);
        model.addAttribute("grids", administration.grids(code));
        model.addAttribute("canEdit", request.isUserInRole("COUNTY_ADMIN") || request.isUserInRole("TOWN_STAFF"));
        return "region/village";
    }

    Town scopedTown(String code) {
        if (!scopes.current().coversWholeTown(code)) {
            throw new OutOfScopeException("town");
        }
        return regions.town(code).orElseThrow(() -> new NotFoundException("town"));
    }

    Village scopedVillage(String code) {
        Village village = regions.village(code).orElseThrow(() -> new NotFoundException("village"));
        if (!scopes.current().coversVillage(village.townCode(), village.code())) {
            throw new OutOfScopeException("village");
        }
        return village;
    }

    private void common(Model model, County county, List<Town> towns, List<Cluster> clusters) {
        model.addAttribute("county", county);
        model.addAttribute("towns", towns);
        model.addAttribute("clusters", clusters);
        model.addAttribute("scope", scopes.current());
        model.addAttribute("townNames", towns.stream().collect(Collectors.toMap(Town::code, Town::name)));
        model.addAttribute("clusterNames", clusters.stream().collect(Collectors.toMap(Cluster::id, Cluster::name)));
        Map<Long, String> colors = new LinkedHashMap<>();
        for (int i = 0; i < clusters.size(); i++) {
            colors.put(clusters.get(i).id(), CLUSTER_COLORS[i % CLUSTER_COLORS.length]);
        }
        model.addAttribute("clusterColors", colors);
        model.addAttribute("typeNames", typeNames());
        model.addAttribute("villageCounts", administration.villageCounts());
        model.addAttribute("tiandituKey", tiandituKey);
        model.addAttribute("tiandituLayer", tiandituLayer);
    }

    private Map<String, String> typeNames() {
        boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        return regions.townTypes().stream().collect(Collectors.toMap(TownType::code,
                t -> english ? t.nameEn() : t.nameZh()));
    }

    /** "位置来源：…（WGS-84）" for a seat, or "位置未知" where none is known. */
    private String positionSource(boolean placed, RegionAdministration.Provenance provenance) {
        java.util.Locale locale = LocaleContextHolder.getLocale();
        if (!placed) {
            return messages.getMessage("position.unknown", null, locale);
        }
        String source = provenance.source() == null ? "UNRECORDED" : provenance.source();
        String at = provenance.at() == null ? "" : provenance.at().atZoneSameInstant(countyZone)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        return messages.getMessage("position.source." + source, new Object[] {provenance.by(), at}, locale);
    }

    /** The overview's line on where the town seats come from and how many are unknown. */
    private String positionSources(List<Town> towns) {
        Map<String, Long> bySource = new LinkedHashMap<>();
        long unknown = 0;
        for (Town t : towns) {
            RegionAdministration.Provenance p = administration.profile(t.code()).orElseThrow().provenance();
            if (t.seat() == null) {
                unknown++;
            } else {
                bySource.merge(p.source() == null ? "UNRECORDED" : p.source(), 1L, Long::sum);
            }
        }
        java.util.Locale locale = LocaleContextHolder.getLocale();
        List<String> parts = new ArrayList<>();
        bySource.forEach((source, n) -> parts.add(messages.getMessage("overview.positions." + source, new Object[] {n}, locale)));
        if (unknown > 0) {
            parts.add(messages.getMessage("overview.positions.unknown", new Object[] {unknown}, locale));
        }
        return messages.getMessage("overview.positions", new Object[] {String.join("；", parts)}, locale);
    }

    private String mapData(County county, List<Cluster> clusters) {
        Map<String, String> colorOfTown = new LinkedHashMap<>();
        List<Cluster> all = regions.clusters();
        for (int i = 0; i < all.size(); i++) {
            String color = CLUSTER_COLORS[i % CLUSTER_COLORS.length];
            all.get(i).memberTownCodes().forEach(code -> colorOfTown.put(code, color));
        }
        java.util.Set<String> shown = clusters.stream().flatMap(c -> c.memberTownCodes().stream()).collect(Collectors.toSet());
        List<Map<String, Object>> markers = new ArrayList<>();
        Scope scope = scopes.current();
        for (RegionAdministration.Position p : administration.townPositions()) {
            if (clusters.size() == all.size() || shown.contains(p.code())) {
                markers.add(marker(p.name(), p.longitude(), p.latitude(),
                        scope.coversTown(p.code()) ? "/towns/" + p.code() : null, colorOfTown.getOrDefault(p.code(), "#495057")));
            }
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("markers", markers);
        map.put("label", county.labelLon() == null ? null : List.of(county.labelLat(), county.labelLon()));
        map.put("fit", "boundary");
        map.put("legend", all.stream().map(c -> Map.of("name", c.name(),
                "color", CLUSTER_COLORS[all.indexOf(c) % CLUSTER_COLORS.length])).toList());
        map.put("noPositions", markers.isEmpty() ? messages.getMessage("overview.noPositions", null, LocaleContextHolder.getLocale()) : "");
        return json.writeValueAsString(map);
    }

    private static Map<String, Object> marker(String label, double lon, double lat, String href, String color) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("label", label);
        marker.put("lat", lat);
        marker.put("lon", lon);
        marker.put("href", href);
        marker.put("color", color);
        return marker;
    }

    private String chartData(List<Town> towns) {
        Map<String, String> names = typeNames();
        List<String> types = regions.townTypes().stream().map(TownType::code).toList();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("categories", types.stream().map(names::get).toList());
        List<Map<String, Object>> series = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            Map<String, Long> byType = towns.stream().filter(t -> t.tier() == tier && t.type() != null)
                    .collect(Collectors.groupingBy(Town::type, Collectors.counting()));
            series.add(Map.of("name", messages.getMessage("tier." + tier, null, LocaleContextHolder.getLocale()),
                    "tier", tier.name(), "data", types.stream().map(t -> byType.getOrDefault(t, 0L)).toList()));
        }
        chart.put("series", series);
        return json.writeValueAsString(chart);
    }

}
