package org.custodian.bench.load;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Staff of an HIM department and API clients at work (bench/load.sh): each staff user signs in
 * once on the login form (a session, as a browser) and then works their worklist, searches for
 * patients and opens charts, pausing 1-3 s between pages as a person reading them does; API
 * clients (OAuth2 bearer token, no BCrypt per call) search the registry and read FHIR resources.
 * System properties: load.base, load.users (50), load.seconds, load.credentials (the demo's
 * credentials file), load.token (a file), load.patients (CSV: id,q,fhir), load.apiPatients (the same, without
 * the flagged charts the token's user may not open; default load.patients).
 */
public class StaffLoadSimulation extends Simulation {

    static final String BASE = System.getProperty("load.base");
    static final int USERS = Integer.getInteger("load.users", 50);
    static final Duration LENGTH = Duration.ofSeconds(Long.getLong("load.seconds", 600));
    static final Duration RAMP = Duration.ofSeconds(Math.min(30, Long.getLong("load.seconds", 600) / 4));
    static final Map<String, String> PASSWORDS = passwords(Path.of(System.getProperty("load.credentials")));
    static final String TOKEN = read(Path.of(System.getProperty("load.token"))).trim();
    static final FeederBuilder<String> PATIENTS = csv(System.getProperty("load.patients")).random();
    /** A flagged chart answers the API client 403 break-the-glass-required, as the chart does: bench/load.sh leaves them out. */
    static final FeederBuilder<String> API_PATIENTS = csv(System.getProperty("load.apiPatients",
            System.getProperty("load.patients"))).random();

    final HttpProtocolBuilder pages = http.baseUrl(BASE).acceptHeader("text/html").shareConnections()
            .userAgentHeader("custodian-load");
    final HttpProtocolBuilder api = http.baseUrl(BASE).acceptHeader("application/json").shareConnections()
            .header("Authorization", "Bearer " + TOKEN).userAgentHeader("custodian-load");

    static ChainBuilder signIn(String user) {
        return exec(http("sign in (form)").get("/login").check(css("input[name=_csrf]", "value").saveAs("csrf")))
                .exec(http("sign in").post("/login").formParam("username", user)
                        .formParam("password", PASSWORDS.get(user)).formParam("_csrf", "#{csrf}")
                        .disableFollowRedirect().check(status().is(302))
                        .check(header("Location").transform(l -> !l.contains("/login")).is(true)));
    }

    static ChainBuilder page(String name, String path) {
        return exec(http("page: " + name).get(path).check(status().is(200))).pause(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    static ChainBuilder call(String name, String path, String accept) {
        return exec(http(name).get(path).header("Accept", accept).check(status().is(200)))
                .pause(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    /** A staff member's loop: their worklist, a search for a patient, that patient's chart. */
    static ScenarioBuilder staff(String role, String user, String worklistName, String worklist) {
        return scenario(role).exec(signIn(user)).during(LENGTH).on(feed(PATIENTS)
                .exec(page(worklistName, worklist))
                .exec(page("patient search", "/patients?q=#{q}"))
                .exec(page("chart", "/patients/#{id}")));
    }

    static ScenarioBuilder apiClient() {
        return scenario("API client").during(LENGTH).on(feed(API_PATIENTS)
                .exec(call("api: patient search", "/api/patients?q=#{q}", "application/json"))
                .exec(call("api: patient", "/api/patients/#{id}", "application/json"))
                .exec(call("fhir: Patient read", "/fhir/r4/Patient/#{fhir}", "application/fhir+json"))
                .exec(call("fhir: Observation search", "/fhir/r4/Observation?patient=#{fhir}", "application/fhir+json"))
                .exec(call("fhir: Encounter search", "/fhir/r4/Encounter?patient=#{fhir}", "application/fhir+json")));
    }

    {
        // Shares of 50: 15 coders, 8 ROI specialists, 8 clinicians, 5 analysts, 4 MPI analysts, 10 API clients.
        List<PopulationBuilder> all = new ArrayList<>();
        add(all, staff("coder", "coder", "coding worklist", "/coding"), 15);
        add(all, staff("roi", "roi", "disclosure worklist", "/disclosures"), 8);
        add(all, staff("clinician", "clinician", "completion inbox", "/completion/inbox"), 8);
        add(all, staff("analyst", "analyst", "completion worklist", "/completion"), 5);
        add(all, staff("mpi", "mpi", "MPI worklist", "/mpi/worklist"), 4);
        all.add(apiClient().injectOpen(rampUsers(Math.max(1, USERS - 40 * USERS / 50)).during(RAMP)).protocols(api));
        setUp(all).maxDuration(LENGTH.plus(RAMP).plusSeconds(30));
    }

    private void add(List<PopulationBuilder> all, ScenarioBuilder s, int of50) {
        all.add(s.injectOpen(rampUsers(Math.max(1, of50 * USERS / 50)).during(RAMP)).protocols(pages));
    }

    /** The demo's credentials file: lines "user password role...". */
    private static Map<String, String> passwords(Path file) {
        Map<String, String> m = new HashMap<>();
        for (String line : read(file).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].matches("[a-z]+") && !f[0].equals("user")) {
                m.put(f[0], f[1]);
            }
        }
        return m;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
