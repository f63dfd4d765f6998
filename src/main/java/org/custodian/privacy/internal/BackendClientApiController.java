package org.custodian.privacy.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.custodian.privacy.BackendClients;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "SMART Backend Services clients", description = "Bulk-data clients that sign their own token requests (RFC 7523).")
class BackendClientApiController {

    private final BackendClients clients;

    BackendClientApiController(BackendClients clients) {
        this.clients = clients;
    }

    @Operation(summary = "Register a SMART Backend Services client: its id, name, public JWK set and system scopes")
    @PostMapping("/api/smart/clients")
    @PreAuthorize("hasAuthority('fhir:export')")
    @ResponseStatus(HttpStatus.CREATED)
    BackendClients.BackendClient register(@RequestBody BackendClients.NewBackendClient client) {
        return clients.register(client);
    }

    @Operation(summary = "The registered SMART Backend Services clients")
    @GetMapping("/api/smart/clients")
    @PreAuthorize("hasAuthority('fhir:export')")
    List<BackendClients.BackendClient> list() {
        return clients.list();
    }
}
