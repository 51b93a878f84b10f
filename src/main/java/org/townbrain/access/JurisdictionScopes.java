package org.townbrain.access;

import org.springframework.stereotype.Component;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;

/** The one place that turns a user's jurisdiction into the scope every module filters by. */
@Component
class JurisdictionScopes implements ScopeProvider {

    private final Users users;
    private final Regions regions;

    JurisdictionScopes(Users users, Regions regions) {
        this.users = users;
        this.regions = regions;
    }

    @Override
    public Scope current() {
        return users.current().map(u -> of(u.jurisdiction())).orElse(Scope.none());
    }

    Scope of(Jurisdiction jurisdiction) {
        return switch (jurisdiction.level()) {
            case COUNTY -> Scope.county();
            case CLUSTER -> Scope.towns(regions.townCodesOfCluster(Long.parseLong(jurisdiction.code())));
            case TOWN -> Scope.towns(java.util.Set.of(jurisdiction.code()));
            case VILLAGE -> regions.village(jurisdiction.code())
                    .map(v -> Scope.villages(v.townCode(), java.util.Set.of(v.code()))).orElse(Scope.none());
        };
    }
}
