package org.townbrain.evaluation;

import java.io.InputStream;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.security.access.AccessDeniedException;
import org.townbrain.access.Role;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;
import org.townbrain.region.TownType;

/** Replaces a year's catalogue from a workbook, all or nothing. */
@Service
class CatalogueImport {

    private final CatalogueRepository catalogues;
    private final AssessmentRepository assessments;
    private final Regions regions;
    private final Users users;

    CatalogueImport(CatalogueRepository catalogues, AssessmentRepository assessments, Regions regions, Users users) {
        this.users = users;
        this.catalogues = catalogues;
        this.assessments = assessments;
        this.regions = regions;
    }

    /** Starts a year's catalogue as a copy of another year's (county office only). */
    @Transactional
    Catalogue copy(int from, int to) {
        requireCounty(to);
        Catalogue source = catalogues.find(from).orElseThrow(() -> new NotFoundException("catalogue " + from));
        if (catalogues.find(to).isPresent()) {
            throw new ConflictException(to + " 年已有指标体系 / the " + to + " catalogue exists already; import a file to replace it");
        }
        Catalogue copy = new Catalogue(to, source.title().replace(String.valueOf(from), String.valueOf(to)), source.bonusCap(),
                source.passLines(), source.surveyMinResponses(), source.assumed(), source.indicators(), source.questions());
        catalogues.save(copy);
        return copy;
    }

    private void requireCounty(int year) {
        if (!users.current().map(u -> u.is(Role.COUNTY_ADMIN)).orElse(false)) {
            throw new AccessDeniedException("import catalogue");
        }
        if (year < 2019 || year > 2100) {
            throw new RejectedException("year", "年份无效 / invalid year");
        }
    }

    /** County office only; all or nothing. */
    @Transactional
    Catalogue replace(int year, InputStream workbook) {
        requireCounty(year);
        Set<String> types = regions.townTypes().stream().map(TownType::code).collect(Collectors.toSet());
        Catalogue catalogue = CatalogueSheet.read(workbook, year, types, catalogues.find(year));
        if (assessments.anyLocked(year)) {
            throw new ConflictException(year + " 年已有锁定的评价，指标体系不能再改 / the " + year
                    + " catalogue cannot change once an assessment is locked");
        }
        catalogues.save(catalogue);
        return catalogue;
    }
}
