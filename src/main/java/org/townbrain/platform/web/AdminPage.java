package org.townbrain.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The administration landing page: every module's admin entries in one place, off the main bar. */
@Controller
class AdminPage {

    @GetMapping("/admin")
    String admin() {
        return "admin";
    }
}
