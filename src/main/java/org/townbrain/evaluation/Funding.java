package org.townbrain.evaluation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.access.Role;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Tier;
import org.townbrain.region.Town;
import org.townbrain.region.TownType;

/** The year's funding policy and the allocation it gives for the towns' results. */
@Service
@Transactional(readOnly = true)
class Funding {

    private final FundingRepository repository;
    private final Standings standings;
    private final CatalogueRepository catalogues;
    private final Regions regions;
    private final Users users;
    private final ScopeProvider scopes;

    Funding(FundingRepository repository, Standings standings, CatalogueRepository catalogues, Regions regions, Users users,
            ScopeProvider scopes) {
        this.repository = repository;
        this.standings = standings;
        this.catalogues = catalogues;
        this.regions = regions;
        this.users = users;
        this.scopes = scopes;
    }

    /** The year's policy as the caller may see it: the county-wide rules, and only their own towns' 一镇一策 entries. */
    Optional<FundingPolicy> policy(int year) {
        Scope scope = scopes.current();
        return repository.find(year).map(p -> scope.wholeCounty() ? p
                : new FundingPolicy(p.year(), p.pool(), p.townCap(), p.assumed(), p.bases(), p.rewards(),
                        p.towns().stream().filter(t -> scope.coversWholeTown(t.townCode())).toList()));
    }

    /** Validates and saves a policy; a refused policy leaves the stored one unchanged. */
    @Transactional
    void save(FundingPolicy policy) {
        if (!users.current().map(u -> u.is(Role.COUNTY_ADMIN)).orElse(false)) {
            throw new AccessDeniedException("funding policy");
        }
        validate(policy);
        repository.save(policy);
    }

    List<RewardTrigger> validate(FundingPolicy policy) {
        Catalogue catalogue = catalogues.find(policy.year())
                .orElseThrow(() -> new NotFoundException("catalogue " + policy.year()));
        Set<String> types = regions.townTypes().stream().map(TownType::code).collect(Collectors.toSet());
        Set<String> towns = regions.towns().stream().map(Town::code).collect(Collectors.toSet());
        return policy.validate(catalogue.byCode().keySet(), types, towns);
    }

    /** The allocation for every programme town (unscoped; callers filter the rows). */
    Allocation allocate(int year) {
        FundingPolicy policy = repository.find(year).orElseThrow(() -> new NotFoundException("funding policy " + year));
        Standing standing = standings.of(year).orElseThrow(() -> new NotFoundException("catalogue " + year));
        Map<String, Tier> previous = new HashMap<>();
        standings.of(year - 1).ifPresent(s -> s.entries().forEach(e -> previous.put(e.town().code(), e.scorecard().tier())));
        return allocate(policy, validate(policy), standing, previous, typeNames());
    }

    static Allocation allocate(FundingPolicy policy, List<RewardTrigger> triggers, Standing standing,
            Map<String, Tier> previousTiers, Map<String, String> typeNames) {
        List<FundingOutcome> outcomes = standing.entries().stream().map(e -> outcome(e, previousTiers)).toList();
        return new Allocator(policy, triggers, typeNames).allocate(outcomes);
    }

    static FundingOutcome outcome(Standing.Entry e, Map<String, Tier> previousTiers) {
        Scorecard card = e.scorecard();
        Set<String> met = new HashSet<>();
        boolean signatureComplete = true;
        boolean anySignature = false;
        for (Scorecard.Line line : card.lines()) {
            if (line.met()) {
                met.add(line.indicator().code());
            }
            if (line.indicator().signature()) {
                anySignature = true;
                signatureComplete &= line.met();
            }
        }
        Tier before = previousTiers.getOrDefault(e.town().code(), Tier.NONE);
        boolean upgraded = previousTiers.containsKey(e.town().code()) && card.tier().ordinal() < before.ordinal();
        return new FundingOutcome(e.town().code(), e.town().type(), e.accepted(), card.tier(), card.score(),
                card.satisfaction(), e.rank(), met, upgraded, anySignature && signatureComplete);
    }

    Map<String, String> typeNames() {
        return regions.townTypes().stream().collect(Collectors.toMap(TownType::code, TownType::nameZh));
    }
}
