package org.custodian.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Release of information is authorized at its service, not only at its controllers: a caller from
 * another module, the CLI or a feed is held to the same permissions (deny by default).
 */
@CustodianTest
class DisclosureServiceAuthorizationIT {

    @Autowired ReleaseOfInformation roi;
    @Autowired AccountingOfDisclosures accounting;
    @Autowired StaffAccounts accounts;

    @Test
    void aRoleWithoutDisclosurePermissionsIsRefusedAtTheService() {
        accounts.runAs(Role.CODER, () -> {
            assertThatThrownBy(() -> roi.worklist()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> accounting.openRequests()).isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void readingIsNotReleasing() {
        accounts.runAs(Role.AUDITOR, () -> {
            assertThatThrownBy(() -> roi.release(1L)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> accounting.fulfil(1L)).isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void aCallerWithNoPrincipalAtAllIsRefused() {
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> roi.worklist()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void theRoiSpecialistIsServed() {
        accounts.runAs(Role.ROI_SPECIALIST, () -> assertThat(roi.worklist()).isNotNull());
    }
}
