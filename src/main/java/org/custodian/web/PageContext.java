package org.custodian.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What every page of the UI needs besides its own data: who is signed in and with which roles and
 * permissions, the CSRF token for its forms, the navigation the user is allowed to see, and the
 * current time (from the injected clock). Added to every UI model as {@code ctx}; templates declare
 * {@code @param org.custodian.web.PageContext ctx}.
 *
 * @param username    the signed-in user, or null on pages seen before sign-in
 * @param roleTitles  titles of the user's roles, e.g. "Privacy officer"
 * @param permissions the permission authorities the roles grant, e.g. {@code chart:read}
 * @param csrf        the token every POST form carries, or null where CSRF does not apply
 * @param nav         the navigation entries the user may follow
 * @param path        the request path, for the active navigation entry
 * @param now         the current instant, from the injected clock
 */
public record PageContext(String username, List<String> roleTitles, Set<String> permissions, Csrf csrf,
                          List<NavItem> nav, String path, Instant now) {

    /** A CSRF token: the form field name and its value. */
    public record Csrf(String parameterName, String token) {
    }

    /** One entry of the main navigation, in its work area ({@code group}, e.g. "Records"). */
    public record NavItem(String label, String href, boolean active, String group) {
    }

    /** A work area of the navigation and the entries of it the user may follow, in order. */
    public record NavGroup(String label, List<NavItem> items) {

        public boolean active() {
            return items.stream().anyMatch(NavItem::active);
        }
    }

    /**
     * The navigation grouped by work area, in the order of first appearance. A group with one
     * entry is shown as that entry's link; a group with more as a menu.
     */
    public List<NavGroup> navGroups() {
        java.util.Map<String, List<NavItem>> groups = new java.util.LinkedHashMap<>();
        for (NavItem item : nav) {
            groups.computeIfAbsent(item.group() == null ? item.label() : item.group(), g -> new java.util.ArrayList<>()).add(item);
        }
        return groups.entrySet().stream().map(e -> new NavGroup(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    public boolean signedIn() {
        return username != null;
    }

    /** Whether the user holds a permission, e.g. {@code ctx.can("document:sign")}. */
    public boolean can(String permission) {
        return permissions.contains(permission);
    }

    /** Today in the server's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(now, Fmt.zone());
    }

    public String rolesText() {
        return String.join(", ", roleTitles);
    }
}
