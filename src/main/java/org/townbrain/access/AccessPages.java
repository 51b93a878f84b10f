package org.townbrain.access;

import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;

/** Login, the user's own account and tokens, and the county admin's user list and audit log. */
@Controller
class AccessPages {

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final Regions regions;
    private final Environment environment;

    AccessPages(Accounts accounts, ApiTokens tokens, AuditLog audit, Regions regions, Environment environment) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.regions = regions;
        this.environment = environment;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("demo", environment.getProperty("townbrain.demo.enabled", Boolean.class, false));
        return "access/login";
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal AccessUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("tokens", tokens.of(user.id()));
        return "access/account";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal AccessUser user, @RequestParam String currentPassword,
            @RequestParam String newPassword, Model model, RedirectAttributes redirect) {
        try {
            accounts.changePassword(user.id(), currentPassword, newPassword);
        } catch (RejectedException e) {
            model.addAttribute("passwordError", e.getMessage());
            return account(user, model);
        }
        redirect.addFlashAttribute("notice", "password");
        return "redirect:/account";
    }

    @PostMapping("/account/tokens")
    String issueToken(@AuthenticationPrincipal AccessUser user, @RequestParam(defaultValue = "") String name,
            Model model) {
        try {
            model.addAttribute("newToken", tokens.issue(user.id(), name));
        } catch (RejectedException e) {
            model.addAttribute("tokenError", e.getMessage());
        }
        return account(user, model);
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@AuthenticationPrincipal AccessUser user, @PathVariable long id) {
        tokens.revoke(user.id(), id);
        return "redirect:/account";
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", accounts.all());
        model.addAttribute("roles", Role.values());
        model.addAttribute("levels", Jurisdiction.Level.values());
        model.addAttribute("towns", regions.towns());
        model.addAttribute("clusters", regions.clusters());
        model.addAttribute("county", regions.county().orElse(null));
        return "access/users";
    }

    @PostMapping("/admin/users")
    String createUser(@RequestParam String username, @RequestParam String displayName, @RequestParam String password,
            @RequestParam Role role, @RequestParam Jurisdiction.Level level, @RequestParam String code, Model model) {
        try {
            accounts.create(username.strip(), displayName.strip(), password, role, jurisdiction(level, code), false);
        } catch (RejectedException e) {
            // a weak password is said next to its field; anything else above the form
            model.addAttribute("password".equals(e.field()) ? "passwordError" : "error", e.getMessage());
            model.addAttribute("entered", java.util.Map.of("username", username, "displayName", displayName));
            return users(model);
        } catch (ConflictException e) {
            model.addAttribute("error", e.getMessage());
            return users(model);
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}")
    String updateUser(@PathVariable long id, @RequestParam int version, @RequestParam String displayName,
            @RequestParam Role role, @RequestParam Jurisdiction.Level level, @RequestParam String code,
            @RequestParam(defaultValue = "false") boolean enabled) {
        accounts.update(id, version, displayName.strip(), role, jurisdiction(level, code), enabled);
        return "redirect:/admin/users";
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String user, @RequestParam(defaultValue = "0") int page, Model model) {
        int size = 50;
        List<AuditLog.Entry> entries = audit.page(user, Math.max(0, page) * size, size + 1);
        model.addAttribute("entries", entries.subList(0, Math.min(size, entries.size())));
        model.addAttribute("hasMore", entries.size() > size);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("user", user);
        return "access/audit";
    }

    private static Jurisdiction jurisdiction(Jurisdiction.Level level, String code) {
        try {
            return new Jurisdiction(level, code.strip());
        } catch (IllegalArgumentException e) {
            throw new RejectedException("code", "辖区代码与层级不符 / the area code does not match the level");
        }
    }
}
