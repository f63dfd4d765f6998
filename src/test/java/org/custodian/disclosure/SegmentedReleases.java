package org.custodian.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.PdfReadability;
import org.custodian.support.StaffAccounts;
import tools.jackson.databind.JsonNode;

/**
 * Releases of one patient's records through the API, as the release-of-information specialist, for the
 * segmentation tests: an authorization naming some sensitive categories, a release of the chosen record
 * categories, the packet's text, and the ids a FHIR search returned.
 */
final class SegmentedReleases {

    private final Api api;
    private final StaffAccounts accounts;
    private final long patientId;
    private final String signedBy;
    private final LocalDate today;

    SegmentedReleases(Api api, StaffAccounts accounts, long patientId, String signedBy, LocalDate today) {
        this.api = api;
        this.accounts = accounts;
        this.patientId = patientId;
        this.signedBy = signedBy;
        this.today = today;
    }

    /** A third party's authorization naming these sensitivities (a JSON array of their names). */
    String authorization(String named) {
        return """
                {"description":"Records of the last year","discloser":"Custodian Demonstration Hospital",
                 "recipient":"Acme Life Insurance","purpose":"Life insurance underwriting","expiresOn":"%s",
                 "signedBy":"%s","signedOn":"%s","signedByRepresentative":false,"namedSensitivities":%s}"""
                .formatted(today.plusMonths(6), signedBy, today.minusDays(3), named);
    }

    /** A request of the last year's records of {@code categories} (a JSON array), released; the release's JSON. */
    JsonNode release(String requesterType, String categories, String authorizationJson) {
        String roi = accounts.of(Role.ROI_SPECIALIST);
        Api.Response intake = api.as(roi, "POST", "/api/disclosures", """
                {"patientId":%d,"requesterType":"%s","requesterName":"Acme Life","requesterAddress":"1 Main St",
                 "purpose":"As stated","delivery":"PDF_DOWNLOAD","receivedOn":"%s","dateFrom":"%s",
                 "recordCategories":%s,"authorization":%s}"""
                .formatted(patientId, requesterType, today, today.minusYears(1), categories, authorizationJson));
        assertThat(intake.status()).as(intake.body()).isEqualTo(201);
        long id = intake.json().get("id").asLong();
        Api.Response released = api.as(roi, "POST", "/api/disclosures/" + id + "/release", null);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        return released.json();
    }

    /** The packet's text, white space folded. */
    String packetText(long requestId) {
        return PdfReadability.text(get("/api/disclosures/" + requestId + "/packet")).replaceAll("\\s+", " ");
    }

    /** A GET as the release-of-information specialist, which must answer 200. */
    byte[] get(String path) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (accounts.of(Role.ROI_SPECIALIST) + ":" + StaffAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids of a FHIR searchset's (or $everything's) resources; the answer must be a 200. */
    static List<String> ids(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().path("entry").forEach(e -> ids.add(e.path("resource").path("id").asString()));
        return ids;
    }
}
