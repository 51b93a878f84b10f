package org.townbrain.cases;

import java.io.IOException;
import java.time.LocalDate;
import java.time.Year;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;

/** County admin (the /admin/** paths are COUNTY_ADMIN only): category catalogue, working calendar, Open311 keys. */
@Controller
class CatalogueAdminPages {

    private final CategoryCatalogue catalogue;
    private final CalendarStore calendar;
    private final Open311 open311;
    private final Clock clock;

    CatalogueAdminPages(CategoryCatalogue catalogue, CalendarStore calendar, Open311 open311, Clock clock) {
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.open311 = open311;
        this.clock = clock;
    }

    @GetMapping("/admin/cases/categories")
    String page(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? Year.now(clock).getValue() : year;
        model.addAttribute("categories", catalogue.all());
        model.addAttribute("units", TimeLimit.Unit.values());
        model.addAttribute("year", y);
        model.addAttribute("days", calendar.year(y));
        return "cases/catalogue";
    }

    @PostMapping("/admin/cases/categories/{code}")
    String update(@PathVariable String code, @RequestParam int version, @RequestParam int limitValue,
            @RequestParam TimeLimit.Unit limitUnit, @RequestParam String defaultUnit,
            @RequestParam(defaultValue = "false") boolean active, @RequestParam String acceptance, @RequestParam String closing) {
        Category c = catalogue.find(code).orElseThrow(() -> new NotFoundException("category"));
        Category changed;
        try {
            changed = new Category(c.code(), c.kind(), c.majorCode(), c.majorName(), c.minorCode(), c.name(), acceptance,
                    new TimeLimit(limitValue, limitUnit), closing, defaultUnit, active, version);
        } catch (IllegalArgumentException e) {
            throw new RejectedException("limitValue", e.getMessage());
        }
        catalogue.update(changed);
        return "redirect:/admin/cases/categories#" + code;
    }

    @PostMapping("/admin/cases/categories/import")
    String importXlsx(@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        int n = catalogue.importXlsx(file.getInputStream());
        redirect.addFlashAttribute("imported", n);
        return "redirect:/admin/cases/categories";
    }

    @PostMapping("/admin/cases/calendar")
    String putDay(@RequestParam LocalDate day, @RequestParam boolean working, @RequestParam String name) {
        calendar.put(day, working, name);
        return "redirect:/admin/cases/categories?year=" + day.getYear() + "#calendar";
    }

    @PostMapping("/admin/cases/calendar/{day}/delete")
    String removeDay(@PathVariable LocalDate day) {
        calendar.remove(day);
        return "redirect:/admin/cases/categories?year=" + day.getYear() + "#calendar";
    }

    @PostMapping("/admin/cases/open311")
    String issueKey(@RequestParam String name, RedirectAttributes redirect) {
        redirect.addFlashAttribute("issuedKey", open311.issueKey(name));
        return "redirect:/admin/cases/categories#open311";
    }
}
