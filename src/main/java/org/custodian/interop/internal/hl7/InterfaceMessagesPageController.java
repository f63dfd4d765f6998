package org.custodian.interop.internal.hl7;

import org.custodian.FormInput;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The interface page: received HL7 v2 messages, newest first, with a reprocess button on failed ones. */
@Controller
class InterfaceMessagesPageController {

    static final int PAGE_SIZE = 50;

    private final InterfaceMessages messages;

    InterfaceMessagesPageController(InterfaceMessages messages) {
        this.messages = messages;
    }

    @GetMapping("/interface/messages")
    @PreAuthorize("hasAuthority('interface:manage')")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String page, Model model) {
        status = FormInput.trimmed(status);
        String problem = null;
        if (status != null && !InterfaceMessages.STATUSES.contains(status)) {
            problem = "Status: one of " + String.join(", ", InterfaceMessages.STATUSES) + ".";
            status = null;
        }
        int pageNumber = 1;
        String p = FormInput.trimmed(page);
        if (p != null) {
            pageNumber = p.matches("[0-9]{1,5}") ? Integer.parseInt(p) : 0;
            if (pageNumber < 1) {
                problem = "Page: a number from 1 to 99999.";
                pageNumber = 1;
            }
        }
        InterfaceMessages.Page result = messages.list(status, pageNumber - 1, PAGE_SIZE);
        model.addAttribute("view", new InterfaceMessagesView(status, problem, result.items(), result.total(), pageNumber,
                (int) Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE)));
        return "interop/messages";
    }

    @PostMapping("/interface/messages/{id}/reprocess")
    @PreAuthorize("hasAuthority('interface:manage')")
    String reprocess(@PathVariable long id, RedirectAttributes redirect) {
        try {
            ReceivedMessage m = messages.reprocess(id);
            redirect.addFlashAttribute("notice", "Message " + id + " reprocessed: " + m.status()
                    + (m.error() == null ? "" : " (" + m.error() + ")"));
        } catch (ErrorResponseException e) {
            redirect.addFlashAttribute("notice", "Message " + id + " was not reprocessed: " + e.getBody().getDetail());
        }
        return "redirect:/interface/messages";
    }
}
