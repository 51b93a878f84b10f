package org.townbrain.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what the layout needs (the navigation the user may see) into every page's model. */
@ControllerAdvice
class ShellModel {

    private final List<NavItem> items;

    ShellModel(List<NavItem> items) {
        this.items = items.stream().sorted(Comparator.comparingInt(NavItem::order)).toList();
    }

    /** Entries from this order on are administration: one "管理" entry leads to them. */
    static final int ADMIN_ORDER = 900;

    /**
     * One model method rather than one per attribute: Spring runs every advice model method before
     * every handler, JSON ones included, and each run costs a reflective call and annotation look-ups.
     */
    @ModelAttribute
    void shell(Model model, HttpServletRequest request) {
        List<NavItem> visible = visible();
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute("navItems", visible.stream().filter(i -> i.order() < ADMIN_ORDER).toList());
        model.addAttribute("adminItems", visible.stream().filter(i -> i.order() >= ADMIN_ORDER).toList());
    }

    private List<NavItem> visible() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
            return List.of();
        }
        List<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(a -> a.startsWith("ROLE_") ? a.substring(5) : a).toList();
        return items.stream().filter(i -> i.roles().isEmpty() || i.roles().stream().anyMatch(roles::contains)).toList();
    }
}
