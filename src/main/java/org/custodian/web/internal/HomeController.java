package org.custodian.web.internal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: shortcuts to the work the user's roles allow. */
@Controller
class HomeController {

    /** Any signed-in staff member: the shortcuts shown depend on their permissions. */
    @GetMapping("/")
    @PreAuthorize("isAuthenticated()")
    String home() {
        return "web/home";
    }
}
