package org.custodian.demo.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.custodian.Actor;
import org.custodian.demo.DemoHospital;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.custodian.privacy.SystemAccess;
import org.custodian.staff.AdministratorCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start of an empty database in demo mode, generates and loads the demo hospital
 * and creates the demo users. Runs after the administrator account is made (order 0). A
 * database that holds any patient is left alone, so a restart neither regenerates nor waits.
 *
 * <p>The generation needs no database, so it starts on a thread of its own as soon as this
 * bean exists and the database is known to be empty, and runs while the rest of the
 * application starts; the runner then only waits for it and loads.
 */
@Component
@Order(10)
class DemoHospitalRunner implements ApplicationRunner, InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DemoHospitalRunner.class);
    static final String FACILITY = "MAIN";

    private final boolean enabled;
    private final long seed;
    private final int people;
    private final Path dataDir;
    private final PatientRegistry patients;
    private final DemoLoader loader;
    private final DemoStaff staff;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Environment env;
    private final DemoFigures figures;
    private CompletableFuture<Generated> generation;
    private final DemoPrivacy privacy;
    private final DemoCdiActivity cdi;
    private final DemoDuplicateScan duplicateScan;
    /** The administrator's generated password at this first start, for the owner-only credentials file. */
    private volatile String administratorPassword;

    private record Generated(DemoHospital hospital, long millis) {
    }

    DemoHospitalRunner(DemoSettings settings, String databaseUrl, String dataDir, PatientRegistry patients, DemoLoader loader,
                       DemoStaff staff, TransactionTemplate tx, Clock clock, Environment env, DemoFigures figures) {
        this(settings, new org.custodian.DatabaseSettings(databaseUrl, "", "", "", "", false, 1, ""),
                org.custodian.CustodianSettings.defaults().withDataDir(dataDir), patients, loader, staff, tx, clock, env, figures,
                null, null, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    DemoHospitalRunner(DemoSettings settings, org.custodian.DatabaseSettings database, org.custodian.CustodianSettings custodian,
                       PatientRegistry patients, DemoLoader loader, DemoStaff staff, TransactionTemplate tx,
                       Clock clock, Environment env, DemoFigures figures, DemoPrivacy privacy, DemoCdiActivity cdi,
                       DemoDuplicateScan duplicateScan) {
        this.privacy = privacy;
        this.cdi = cdi;
        this.duplicateScan = duplicateScan;
        // "auto": the fake hospital goes only into the zero-setup embedded database, never into a
        // server that was named explicitly (production) unless CUSTODIAN_DEMO=true asks for it.
        this.enabled = settings.loadInto(database.embedded());
        this.seed = settings.seed();
        this.people = settings.patients();
        this.dataDir = Path.of(custodian.dataDir());
        this.patients = patients;
        this.loader = loader;
        this.staff = staff;
        this.tx = tx;
        this.clock = clock;
        this.env = env;
        this.figures = figures;
    }

    @Override
    public void afterPropertiesSet() {
        if (!enabled || patients.count() > 0) {
            return;
        }
        generation = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                long start = System.nanoTime();
                DemoHospital hospital = DemoHospital.generate(seed, people, FACILITY, clock);
                generation.complete(new Generated(hospital, (System.nanoTime() - start) / 1_000_000));
            } catch (Throwable e) {
                generation.completeExceptionally(e);
            }
        }, "demo-generator");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        if (patients.count() > 0) {
            log.info("Demo mode: the database already holds patients; the demo hospital is not generated again.");
            return;
        }
        long start = System.nanoTime();
        if (generation == null) {
            // The database was emptied between start-up and now: generate here.
            afterPropertiesSet();
        }
        Generated g = generation.join();
        DemoHospital hospital = g.hospital();
        long generated = System.nanoTime();
        record Result(DemoLoader.Loaded loaded, List<DemoStaff.Credential> credentials) {
        }
        // The load is work no person started: it runs as the system actor, with every permission the
        // services it calls check (they check whoever calls).
        Result result = SystemAccess.call(Actor.SYSTEM, EnumSet.allOf(Permission.class),
                () -> tx.execute(status -> new Result(loader.load(hospital), staff.create(hospital))));
        long loaded = System.nanoTime();
        DemoLoader.Loaded l = result.loaded();
        // The index scanned once: the planted duplicates on the duplicate worklist, found by the matcher.
        if (duplicateScan != null) {
            duplicateScan.scan(l.patientIds());
        }
        // The department's recent work, for the dashboard's figures (requests for records, amendments).
        figures.record(hospital, l);
        if (cdi != null) { // the CDI department's past weeks: queries answered, one escalated, one pending
            cdi.record(hospital, l, DemoStaff.username(Role.CLINICIAN));
        }
        try {
            if (privacy != null) { // a VIP, a break-the-glass to review, two snooping stories for the monitor
                privacy.stage(l.patientIds());
            }
        } catch (RuntimeException e) {
            log.warn("Demo privacy story not staged: {}", e.toString());
        }
        // Counts and timings only: the data, synthetic or not, stays out of the log.
        log.info("Demo coding history: {} visits final-coded by the demo coder ({} with a code invalid for their fiscal year "
                + "left to code)", l.coding().recorded(), l.coding().invalidCode());
        log.info("Demo hospital loaded: {} patients ({} duplicate registrations), {} encounters, {} documents; "
                        + "generated in {} ms (in the background; {} ms waited for it), loaded in {} ms "
                        + "(patients {}, encounters {}, documents {}, staff and commit {})",
                hospital.registrations().size(), hospital.duplicates().size(), hospital.encounterCount(),
                hospital.documentCount(), g.millis(), (generated - start) / 1_000_000, (loaded - generated) / 1_000_000,
                l.patientMillis(), l.encounterMillis(), l.documentMillis(),
                (loaded - generated) / 1_000_000 - l.patientMillis() - l.encounterMillis() - l.documentMillis());

        String url = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        Path file = dataDir.resolve(DemoCredentials.FILE_NAME);
        boolean written = false;
        try {
            DemoCredentials.write(file, url, withAdministrator(result.credentials()));
            written = true;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not write the demo credentials file {}: {}", file, e.getMessage());
        }
        String summary = String.format("Custodian demo hospital: %,d patients, %,d encounters, %,d documents",
                hospital.registrations().size(), hospital.encounterCount(), hospital.documentCount());
        DemoCredentials.print(System.out, summary, url, result.credentials(), file, written);
    }

    /** The staff module created the first administrator (before this runner; see AdminAccount). */
    @EventListener
    void administratorCreated(AdministratorCreated created) {
        administratorPassword = created.oneTimePassword();
    }

    /** The demo users, with the administrator first when its password was generated at this start. */
    List<DemoStaff.Credential> withAdministrator(List<DemoStaff.Credential> demoUsers) {
        if (administratorPassword == null) {
            return demoUsers;
        }
        List<DemoStaff.Credential> all = new java.util.ArrayList<>();
        all.add(new DemoStaff.Credential("admin", Role.ADMIN, "Administrator", administratorPassword));
        all.addAll(demoUsers);
        return all;
    }
}
