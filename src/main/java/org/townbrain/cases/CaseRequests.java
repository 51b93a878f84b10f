package org.townbrain.cases;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.townbrain.platform.errors.RejectedException;

/** Opens a case for each {@link CaseRequested} another module publishes. */
@Component
class CaseRequests {

    static final String OTHER_CATEGORY = "E9901";
    private static final Logger log = LoggerFactory.getLogger(CaseRequests.class);

    private final CaseHandling handling;
    private final CategoryCatalogue catalogue;
    private final CountyArea area;

    CaseRequests(CaseHandling handling, CategoryCatalogue catalogue, CountyArea area) {
        this.handling = handling;
        this.catalogue = catalogue;
        this.area = area;
    }

    @ApplicationModuleListener
    void on(CaseRequested request) {
        open(request);
    }

    /** The catalogue's 小类 for a reason another module gives (the catalogue's own business, nobody else's). */
    static String categoryOf(CaseRequested.Reason reason) {
        return switch (reason == null ? CaseRequested.Reason.OTHER : reason) {
            case SEWER_OVERFLOW -> "E0406";       // 突发事件 / 污水溢流
            case WATERLOGGING -> "E0405";         // 突发事件 / 道路积水
            case FIRE_HYDRANT -> "C0112";         // 公用设施 / 消防栓
            case CONSTRUCTION_QUALITY -> "E0603"; // 美丽城镇 / 工程质量安全
            case ENTERPRISE_NEED -> "E0604";      // 美丽城镇 / 企业诉求
            case OPEN_BURNING -> "E0108";         // 市容环境 / 露天焚烧
            case EXPOSED_WASTE -> "E0102";        // 市容环境 / 暴露垃圾
            case OTHER -> OTHER_CATEGORY;
        };
    }

    CaseHandling.Reported open(CaseRequested request) {
        String code = categoryOf(request.reason());
        String category = catalogue.find(code).filter(Category::active).isPresent() ? code : OTHER_CATEGORY;
        Double lon = request.longitude();
        Double lat = request.latitude();
        if (lon == null || lat == null) {
            double[] centre = area.centre();
            lon = centre[0];
            lat = centre[1];
        }
        String source = request.source() == null ? "OTHER" : request.source().toUpperCase().replaceAll("[^A-Z0-9_]", "_");
        String description = request.description() == null || request.description().isBlank()
                ? source + " " + (request.externalRef() == null ? "" : request.externalRef()) : request.description();
        try {
            CaseHandling.Reported reported = handling.report(new CaseHandling.Report(source, category, request.townCode(),
                    request.villageCode(), lon, lat, null, description, null, null, request.externalRef(), null, null),
                    Actor.system(source.toLowerCase()), List.of());
            log.info("Opened case {} for a {} request", reported.ref(), source);
            return reported;
        } catch (RejectedException e) {
            // a malformed request must not block the event registry forever; it is logged and dropped
            log.warn("Refused a {} case request: {}", source, e.getMessage());
            return null;
        }
    }
}
