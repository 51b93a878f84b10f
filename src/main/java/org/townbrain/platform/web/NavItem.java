package org.townbrain.platform.web;

import java.util.Set;

/**
 * An entry in the main navigation, contributed as a bean by the module that owns the page.
 *
 * @param messageKey the label's key in the message bundles
 * @param path where it leads
 * @param order position, lower first
 * @param roles roles that see the entry; empty for every logged-in user
 */
public record NavItem(String messageKey, String path, int order, Set<String> roles) {

    public NavItem {
        roles = Set.copyOf(roles);
    }

    public static NavItem of(String messageKey, String path, int order, String... roles) {
        return new NavItem(messageKey, path, order, Set.of(roles));
    }
}
