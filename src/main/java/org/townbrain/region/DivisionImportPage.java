package org.townbrain.region;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.townbrain.platform.errors.RejectedException;

/** The admin page to import division CSVs; shows the report of what changed. */
@Controller
class DivisionImportPage {

    private final DivisionImport divisions;
    private final Regions regions;

    DivisionImportPage(DivisionImport divisions, Regions regions) {
        this.divisions = divisions;
        this.regions = regions;
    }

    @GetMapping("/admin/divisions")
    String form(Model model) {
        model.addAttribute("countyCode", regions.county().map(County::code).orElse(""));
        return "region/divisions";
    }

    @PostMapping("/admin/divisions")
    String upload(@RequestParam String countyCode, @RequestParam(required = false) MultipartFile counties,
            @RequestParam(required = false) MultipartFile towns, @RequestParam(required = false) MultipartFile villages,
            Model model) throws IOException {
        model.addAttribute("countyCode", countyCode);
        if (empty(towns)) {
            model.addAttribute("error", "请上传乡镇文件 / choose the towns file");
            return "region/divisions";
        }
        try (InputStream c = empty(counties) ? null : counties.getInputStream();
                InputStream t = towns.getInputStream();
                InputStream v = empty(villages) ? null : villages.getInputStream()) {
            DivisionImportReport report = divisions.importCounty(countyCode.strip(), new DivisionImport.Files(
                    name(counties), c, name(towns), t, name(villages), v));
            model.addAttribute("report", report);
        } catch (RejectedException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "region/divisions";
    }

    private static boolean empty(MultipartFile file) {
        return file == null || file.isEmpty();
    }

    private static String name(MultipartFile file) {
        return empty(file) ? null : file.getOriginalFilename();
    }
}
