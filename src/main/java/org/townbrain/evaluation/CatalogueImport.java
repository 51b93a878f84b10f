package org.townbrain.evaluation;

import java.io.InputStream;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.region.Regions;
import org.townbrain.region.TownType;

/** Replaces a year's catalogue from a workbook, all or nothing. */
@Service
class CatalogueImport {

    private final CatalogueRepository catalogues;
    private final AssessmentRepository assessments;
    private final Regions regions;

    CatalogueImport(CatalogueRepository catalogues, AssessmentRepository assessments, Regions regions) {
        this.catalogues = catalogues;
        this.assessments = assessments;
        this.regions = regions;
    }

    @Transactional
    Catalogue replace(int year, InputStream workbook) {
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
