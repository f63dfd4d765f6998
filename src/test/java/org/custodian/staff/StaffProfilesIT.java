package org.custodian.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.custodian.CliCommand;
import org.custodian.Problem;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** HR's profile fields for privacy monitoring (45 CFR 164.308(a)(1)(ii)(D)): the API and the import-staff command. */
@CustodianTest
class StaffProfilesIT {

    @Autowired StaffDirectory staff;
    @Autowired StaffProfiles profiles;
    @Autowired StaffAccounts accounts;
    @Autowired Api api;
    @Autowired @Qualifier("importStaffCommand") CliCommand importStaff;

    String member() {
        String name = "hr-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(name, "HR " + name, StaffAccounts.PASSWORD, Set.of(Role.CODER)));
        return name;
    }

    @Test
    void theProfileIsPutThroughTheApiAndValidated() {
        String u = member();
        Api.Response ok = api.request(accounts.of(Role.ADMIN), StaffAccounts.PASSWORD, "PUT", "/api/staff/" + u + "/profile", """
                {"givenName":"Ana","familyName":"Reyes","homeAddress":{"line":"4 Elm St","city":"Springfield","state":"IL","postalCode":"62701"},
                 "department":"HIM","job":"Coder II","patientMrn":"10000042"}""");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(profiles.find(u)).hasValueSatisfying(p -> {
            assertThat(p.familyName()).isEqualTo("Reyes");
            assertThat(p.homeAddress().postalCode()).isEqualTo("62701");
            assertThat(p.patientMrn()).isEqualTo("10000042");
        });
        Api.Response bad = api.request(accounts.of(Role.ADMIN), StaffAccounts.PASSWORD, "PUT", "/api/staff/" + u + "/profile",
                "{\"homeAddress\":{\"state\":\"Illinois\",\"postalCode\":\"6270\"}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("state: two-letter state code").contains("postalCode: ZIP code");
        assertThat(api.request(accounts.of(Role.ADMIN), StaffAccounts.PASSWORD, "PUT", "/api/staff/nobody-" + UUID.randomUUID().toString().substring(0, 6)
                + "/profile", "{\"department\":\"HIM\"}").status()).isEqualTo(404);
    }

    @Test
    void anImportIsAllOrNothingAndNamesTheRowAndColumnOfEachError() throws Exception {
        String a = member();
        String b = member();
        String header = "username,givenName,familyName,line,city,state,postalCode,department,job,patientMrn\n";
        Path bad = Files.createTempFile("staff", ".csv");
        Files.writeString(bad, header + a + ",Al,Stone,\"1 Main St, Apt 2\",Springfield,IL,62701,HIM,Coder,\n"
                + b + ",Bo,Stone,1 Main St,Springfield,Illinois,62701,HIM,Coder,\n"
                + "ghost-" + UUID.randomUUID().toString().substring(0, 6) + ",Cy,Ghost,,,,,,,\n");
        assertThatThrownBy(() -> profiles.importCsv(Files.readString(bad)))
                .isInstanceOf(Problem.class)
                .hasMessageContaining("row 3, column state")
                .hasMessageContaining("row 4, column username: no account");
        assertThat(importStaff.run(new String[] {bad.toString()})).isEqualTo(1);
        assertThat(profiles.find(a)).isEmpty(); // nothing of the file was imported

        Path good = Files.createTempFile("staff", ".csv");
        Files.writeString(good, header + a + ",Al,Stone,\"1 Main St, Apt 2\",Springfield,IL,62701,HIM,Coder,\n"
                + b + ",Bo,Stone,1 Main St,Springfield,IL,62701,HIM,Coder,M77\n");
        assertThat(importStaff.run(new String[] {good.toString()})).isEqualTo(0);
        assertThat(profiles.find(a)).hasValueSatisfying(p -> assertThat(p.homeAddress().line()).isEqualTo("1 Main St, Apt 2"));
        assertThat(profiles.find(b)).hasValueSatisfying(p -> assertThat(p.patientMrn()).isEqualTo("M77"));
    }
}
