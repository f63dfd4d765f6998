package org.custodian.chart.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.custodian.staff.ProviderDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the chart's free-text practitioners (an encounter's {@code attending_provider}, a document's
 * {@code author}) into references to the provider directory, resolving each name once per call
 * (a name the directory does not know becomes an unverified entry the medical staff office
 * completes). Run on what is written (records, filings, ADT admissions and updates) and, at start,
 * on what was written before the directory existed: the migration of the existing text.
 */
@Component
@Order(1)
class PractitionerLinks implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PractitionerLinks.class);
    private static final int CHUNK = 10_000;

    private final JdbcClient jdbc;
    private final ProviderDirectory directory;
    private final TransactionTemplate tx;

    PractitionerLinks(JdbcClient jdbc, ProviderDirectory directory, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.tx = tx;
    }

    /** The attending of each encounter that names one in text and has no attending reference yet. */
    void linkEncounters(Collection<Long> encounterIds) {
        if (encounterIds.isEmpty()) {
            return;
        }
        Long[] ids = encounterIds.toArray(Long[]::new);
        List<String> names = jdbc.sql("""
                select distinct trim(e.attending_provider) from encounter e
                where e.id = any(?) and coalesce(trim(e.attending_provider), '') <> ''
                  and not exists (select 1 from encounter_participant p where p.encounter_id = e.id and p.role = 'ATTENDING')""")
                .param(ids).query(String.class).list();
        if (names.isEmpty()) {
            return;
        }
        Map<String, Long> resolved = directory.resolveNames(names);
        jdbc.sql("""
                insert into encounter_participant (encounter_id, role, practitioner_id, at)
                select e.id, 'ATTENDING', r.id, e.admit_at
                from encounter e join unnest(?::text[], ?::bigint[]) r(name, id) on r.name = trim(e.attending_provider)
                where e.id = any(?)
                  and not exists (select 1 from encounter_participant p where p.encounter_id = e.id and p.role = 'ATTENDING')
                on conflict do nothing""")
                .params(resolved.keySet().toArray(String[]::new), resolved.values().toArray(Long[]::new), ids).update();
    }

    /** Practitioners named (free text) in a role on an encounter, as references; names already there are kept. */
    void linkNamed(long encounterId, org.custodian.chart.ParticipantRole role, Collection<String> names) {
        List<String> given = names.stream().filter(n -> n != null && !n.isBlank()).map(String::trim).distinct().toList();
        if (given.isEmpty()) {
            return;
        }
        Map<String, Long> resolved = directory.resolveNames(given);
        jdbc.sql("""
                insert into encounter_participant (encounter_id, role, practitioner_id, at)
                select e.id, ?, r.id, e.admit_at from encounter e cross join unnest(?::bigint[]) r(id)
                where e.id = ?
                on conflict do nothing""")
                .params(role.name(), resolved.values().stream().distinct().toArray(Long[]::new), encounterId).update();
    }

    /** The author reference of each document that has none yet, from its author text. */
    void linkDocuments(Collection<Long> documentIds) {
        if (documentIds.isEmpty()) {
            return;
        }
        Long[] ids = documentIds.toArray(Long[]::new);
        List<String> names = jdbc.sql("""
                select distinct trim(author) from clinical_document
                where id = any(?) and author_id is null and coalesce(trim(author), '') <> ''""")
                .param(ids).query(String.class).list();
        if (names.isEmpty()) {
            return;
        }
        Map<String, Long> resolved = directory.resolveNames(names);
        jdbc.sql("""
                update clinical_document d set author_id = r.id
                from unnest(?::text[], ?::bigint[]) r(name, id)
                where d.id = any(?) and d.author_id is null and r.name = trim(d.author)""")
                .params(resolved.keySet().toArray(String[]::new), resolved.values().toArray(Long[]::new), ids).update();
    }

    /** The one-time migration of the existing text, in chunks; a database with nothing left to link costs two queries. */
    @Override
    public void run(ApplicationArguments args) {
        int encounters = 0;
        int documents = 0;
        while (true) {
            List<Long> ids = jdbc.sql("""
                    select e.id from encounter e
                    where coalesce(trim(e.attending_provider), '') <> ''
                      and not exists (select 1 from encounter_participant p where p.encounter_id = e.id and p.role = 'ATTENDING')
                    order by e.id limit ?""").param(CHUNK).query(Long.class).list();
            if (ids.isEmpty()) {
                break;
            }
            tx.executeWithoutResult(s -> linkEncounters(ids));
            encounters += ids.size();
        }
        while (true) {
            List<Long> ids = jdbc.sql("""
                    select id from clinical_document where author_id is null and coalesce(trim(author), '') <> ''
                    order by id limit ?""").param(CHUNK).query(Long.class).list();
            if (ids.isEmpty()) {
                break;
            }
            tx.executeWithoutResult(s -> linkDocuments(ids));
            documents += ids.size();
        }
        if (encounters + documents > 0) {
            log.info("Provider directory: linked {} encounters and {} documents written before it by their practitioners' names",
                    encounters, documents);
        }
    }

    static <T> List<T> list(Collection<T> c) {
        return new ArrayList<>(c);
    }
}
