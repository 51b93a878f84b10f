package org.townbrain.village;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.access.Role;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Village;

/**
 * The village module's API: which villages have a small brain, and one brain's scenarios,
 * always within the caller's jurisdiction (a village's grid worker sees that village only; an
 * unknown or foreign village is "not found").
 */
@Service
public class VillageBrains {

    static final Set<Role> MANAGE = Set.of(Role.COUNTY_ADMIN, Role.CLUSTER_LEAD, Role.TOWN_STAFF);

    private final JdbcClient jdbc;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final Users users;
    private final Scenarios scenarios;
    private final Clock clock;

    VillageBrains(JdbcClient jdbc, Regions regions, ScopeProvider scopes, Users users, Scenarios scenarios, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.scopes = scopes;
        this.users = users;
        this.scenarios = scenarios;
        this.clock = clock;
    }

    /** The villages with a small brain that the caller may see, by town and code. */
    @Transactional(readOnly = true)
    public List<VillageBrain.Summary> list() {
        Scope scope = scopes.current();
        return jdbc.sql("select village_code, town_code, demo from village_brain order by town_code, village_code")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), Boolean.toString(rs.getBoolean(3))})
                .list().stream().filter(r -> scope.coversVillage(r[1], r[0]))
                .map(r -> summary(r[0], r[1], Boolean.parseBoolean(r[2]))).toList();
    }

    /** The small brains of the villages of a town that the caller may see. */
    public List<VillageBrain.Summary> ofTown(String townCode) {
        return list().stream().filter(s -> s.townCode().equals(townCode)).toList();
    }

    /** Whether a village has a small brain the caller may see (no exception: for links). */
    public boolean visible(String villageCode) {
        return find(villageCode).filter(v -> scopes.current().coversVillage(v.townCode(), v.code())).isPresent();
    }

    /** A village's small brain, or not found (also when the village is outside the caller's jurisdiction). */
    @Transactional(readOnly = true)
    public VillageBrain brain(String villageCode) {
        Village village = visibleVillage(villageCode);
        boolean demo = jdbc.sql("select demo from village_brain where village_code = :v").param("v", villageCode)
                .query(Boolean.class).single();
        return scenarios.of(village, townName(village.townCode()), demo);
    }

    /** Gives a village of the caller's jurisdiction a small brain (town staff and above). */
    @Transactional
    public VillageBrain.Summary enable(String villageCode) {
        if (users.current().map(u -> !MANAGE.contains(u.role())).orElse(true)) {
            throw new AccessDeniedException("role");
        }
        Village village = regions.village(villageCode).orElseThrow(() -> new NotFoundException("village " + villageCode));
        if (!scopes.current().coversVillage(village.townCode(), village.code())) {
            throw new OutOfScopeException("village " + villageCode);
        }
        try {
            jdbc.sql("insert into village_brain (village_code, town_code, demo, created_at) values (:v, :t, false, :now)")
                    .param("v", village.code()).param("t", village.townCode()).param("now", Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("该村已有乡村小脑 / this village already has a small brain");
        }
        return summary(village.code(), village.townCode(), false);
    }

    /** The village, when it has a small brain in the caller's jurisdiction; else not found. */
    Village visibleVillage(String villageCode) {
        Village village = find(villageCode).orElseThrow(() -> new NotFoundException("village brain " + villageCode));
        if (!scopes.current().coversVillage(village.townCode(), village.code())) {
            throw new OutOfScopeException("village brain " + villageCode);
        }
        return village;
    }

    private Optional<Village> find(String villageCode) {
        if (villageCode == null || !villageCode.matches("\\d{12}")) {
            return Optional.empty();
        }
        boolean has = jdbc.sql("select count(*) from village_brain where village_code = :v").param("v", villageCode)
                .query(Integer.class).single() > 0;
        return has ? regions.village(villageCode) : Optional.empty();
    }

    private VillageBrain.Summary summary(String code, String townCode, boolean demo) {
        return new VillageBrain.Summary(code, regions.village(code).map(Village::name).orElse(code), townCode,
                townName(townCode), demo);
    }

    private String townName(String townCode) {
        return regions.town(townCode).map(t -> t.name()).orElse(townCode);
    }
}
