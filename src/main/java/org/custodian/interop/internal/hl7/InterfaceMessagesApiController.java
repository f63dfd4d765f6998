package org.custodian.interop.internal.hl7;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The HL7 v2 interface's received messages: list with status, reprocess a failed one. */
@RestController
@RequestMapping("/api/interface/messages")
class InterfaceMessagesApiController {

    private final InterfaceMessages messages;

    InterfaceMessagesApiController(InterfaceMessages messages) {
        this.messages = messages;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('interface:manage')")
    InterfaceMessages.Page list(@RequestParam(required = false) @Pattern(regexp = "PROCESSED|FAILED|REJECTED") String status,
                                @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return messages.list(status, page, size);
    }

    @PostMapping("/{id}/reprocess")
    @PreAuthorize("hasAuthority('interface:manage')")
    ReceivedMessage reprocess(@PathVariable @Min(1) long id) {
        return messages.reprocess(id);
    }
}
