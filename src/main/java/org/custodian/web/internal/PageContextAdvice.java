package org.custodian.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.custodian.web.PageContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Adds the {@link PageContext} ({@code ctx}) to the model of every page: the signed-in user, the
 * titles of their roles, their permissions, the CSRF token and the navigation their permissions
 * open. JSON controllers are skipped.
 */
@ControllerAdvice(annotations = Controller.class)
class PageContextAdvice {

    /**
     * The main navigation, grouped by work area: each entry shows only to users holding its
     * permission (null: everyone signed in). Areas keep the top bar short enough for every role at
     * 1280 px; within an area, the entry people use most comes first.
     */
    record NavEntry(String group, String label, String href, Permission permission) {
    }

    static final String RECORDS = "Records";
    static final String CODING = "Coding";
    static final String ROI = "Release of information";
    static final String PRIVACY = "Privacy & audit";
    static final String ADMIN = "Administration";
    static final String TRAINING = "Training";

    static final List<NavEntry> NAV = List.of(
            new NavEntry("Home", "Home", "/", null),
            new NavEntry("Dashboard", "Dashboard", "/analytics", Permission.ANALYTICS_VIEW),
            new NavEntry(RECORDS, "Patients", "/patients", Permission.CHART_READ),
            new NavEntry(RECORDS, "Duplicates", "/mpi/worklist", Permission.MPI_REVIEW),
            new NavEntry(RECORDS, "Amendments", "/amendments", Permission.AMENDMENT_MANAGE),
            new NavEntry(RECORDS, "Chart completion", "/completion", Permission.COMPLETION_ANALYZE),
            new NavEntry(RECORDS, "My charts to complete", "/completion/inbox", Permission.COMPLETION_INBOX),
            new NavEntry(RECORDS, "Providers", "/practitioners", Permission.CHART_READ),
            new NavEntry(CODING, "Coding", "/coding", Permission.CODING_WRITE),
            new NavEntry(CODING, "CDI worklist", "/cdi", Permission.CDI_REVIEW),
            new NavEntry(CODING, "CDI measures", "/cdi/measures", Permission.CDI_REVIEW),
            new NavEntry(CODING, "CDI lint list", "/cdi/lint", Permission.CDI_LEAD),
            new NavEntry(CODING, "Escalated queries", "/cdi/advisor", Permission.CDI_ADVISE),
            new NavEntry(ROI, "Release of information", "/disclosures", Permission.DISCLOSURE_READ),
            new NavEntry(PRIVACY, "Audit log", "/audit", Permission.AUDIT_READ),
            new NavEntry(PRIVACY, "Legal holds", "/retention/holds", Permission.LEGAL_HOLD),
            new NavEntry(PRIVACY, "Retention", "/retention/destructions", Permission.RETENTION_APPROVE),
            new NavEntry(PRIVACY, "Privacy alerts", "/privacy/alerts", Permission.PRIVACY_MONITOR),
            new NavEntry(PRIVACY, "Break-the-glass reviews", "/privacy/break-glass", Permission.PRIVACY_MANAGE),
            new NavEntry(PRIVACY, "Monitoring rules", "/privacy/rules", Permission.PRIVACY_MONITOR),
            new NavEntry(PRIVACY, "Patient access report", "/privacy/access-report", Permission.PRIVACY_MONITOR),
            new NavEntry(ADMIN, "HL7 interface", "/interface/messages", Permission.INTERFACE_MANAGE),
            new NavEntry(ADMIN, "Staff", "/admin/staff", Permission.STAFF_MANAGE),
            new NavEntry(ADMIN, "Credentials", "/credentials", Permission.CREDENTIALS_OWN),
            new NavEntry(TRAINING, "Teaching", "/practicum/teach", Permission.PRACTICUM_TEACH),
            new NavEntry(TRAINING, "Practicum", "/practicum", Permission.PRACTICUM_STUDY));

    private final Clock clock;

    PageContextAdvice(Clock clock) {
        this.clock = clock;
    }

    @ModelAttribute("ctx")
    PageContext pageContext(HttpServletRequest request) {
        if (rendersJson(request)) {
            return null;
        }
        return contextOf(request, SecurityContextHolder.getContext().getAuthentication(), clock);
    }

    static PageContext contextOf(HttpServletRequest request, Authentication auth, Clock clock) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PageContext.Csrf csrf = null;
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            csrf = new PageContext.Csrf(token.getParameterName(), token.getToken());
        }
        // A user who still owes the second factor is not signed in yet as far as the pages are concerned.
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                || auth instanceof org.custodian.privacy.PendingSecondFactor) {
            return new PageContext(null, List.of(), Set.of(), csrf, List.of(), path, clock.instant());
        }
        List<String> roles = new ArrayList<>();
        Set<String> permissions = new TreeSet<>();
        for (GrantedAuthority authority : auth.getAuthorities()) {
            String name = authority.getAuthority();
            if (name == null) {
                continue;
            }
            if (name.startsWith("ROLE_")) {
                roles.add(roleTitle(name.substring(5)));
            } else {
                permissions.add(name);
            }
        }
        roles.sort(null);
        List<PageContext.NavItem> nav = new ArrayList<>();
        for (NavEntry entry : NAV) {
            if (entry.permission() == null || permissions.contains(entry.permission().authority())) {
                boolean active = entry.href().equals("/") ? path.equals("/")
                        : path.equals(entry.href()) || path.startsWith(entry.href() + "/");
                nav.add(new PageContext.NavItem(entry.label(), entry.href(), active, entry.group()));
            }
        }
        return new PageContext(auth.getName(), List.copyOf(roles), Set.copyOf(permissions), csrf, List.copyOf(nav),
                path, clock.instant());
    }

    private static String roleTitle(String name) {
        return Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).findFirst()
                .map(Role::title).orElse(name);
    }

    private static boolean rendersJson(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler) {
            return handler.hasMethodAnnotation(ResponseBody.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class);
        }
        return false;
    }
}
