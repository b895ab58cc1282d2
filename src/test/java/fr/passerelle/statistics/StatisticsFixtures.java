package fr.passerelle.statistics;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Referrals written straight into the tables at chosen moments, with their timeline, decisions and offers, so that
 * every figure of the statistics can be computed by hand. Each family has its own France Travail identifier.
 */
public final class StatisticsFixtures {

    private static final AtomicLong FAMILIES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final JdbcClient jdbc;
    private final ZoneId zone;

    public StatisticsFixtures(JdbcClient jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** A referral filed at {@code filed} by the advisor's organisation for a family of the commune, still a draft. */
    public long draft(long organisationId, long advisorId, String commune, String departement, String need, String purpose,
            Instant filed) {
        String familyId = String.format("%011d", FAMILIES.incrementAndGet());
        long id = jdbc.sql("""
                        insert into referral (organisation_id, created_by, creation_token, status, parent_last_name,
                            parent_first_name, parent_search_name, france_travail_id, job_seeker_attested, phone,
                            commune_code, departement_code, purpose, need, first_day, last_day, consent_given_on,
                            consent_collected_by, last_transition_at, created_at, regular_days, regular_start_time,
                            regular_end_time)
                        values (:org, :advisor, :token, 'DRAFT', 'Secret-Nom', 'Secret-Prenom', 'secret nom',
                            :ft, true, '+33612345678', :commune, :dep, :purpose, :need, :first, :first, :first,
                            :advisor, :filed, :filed, 31, time '08:30', time '17:30')
                        returning id""")
                .param("org", organisationId).param("advisor", advisorId).param("token", UUID.randomUUID())
                .param("ft", familyId).param("commune", commune).param("dep", departement)
                .param("purpose", purpose).param("need", need)
                .param("first", java.sql.Date.valueOf(filed.atZone(zone).toLocalDate().plusDays(3)))
                .param("filed", Timestamp.from(filed))
                .query(Long.class).single();
        jdbc.sql("insert into referral_child (referral_id, position, first_name, birth_date) values (?, 1, 'Enfant', ?)")
                .param(id).param(java.sql.Date.valueOf(filed.atZone(zone).toLocalDate().minusMonths(30))).update();
        transition(id, null, "DRAFT", advisorId, filed);
        return id;
    }

    public void sent(long id, long advisorId, Instant at) {
        transition(id, "DRAFT", "SUBMITTED", advisorId, at);
        jdbc.sql("update referral set status = 'SUBMITTED', submitted_at = ? where id = ?").param(Timestamp.from(at))
                .param(id).update();
    }

    public void withdrawnDraft(long id, long advisorId, Instant at) {
        transition(id, "DRAFT", "WITHDRAWN", advisorId, at);
        status(id, "WITHDRAWN");
    }

    public void eligible(long id, long officerId, Instant at) {
        decision(id, officerId, at, "ELIGIBLE", null);
        transition(id, "SUBMITTED", "ELIGIBLE", officerId, at);
        jdbc.sql("update referral set status = 'ELIGIBLE', routing_queued_at = ? where id = ?")
                .param(Timestamp.from(at)).param(id).update();
    }

    public void ineligible(long id, long officerId, Instant at, String reason) {
        decision(id, officerId, at, "INELIGIBLE", reason);
        transition(id, "SUBMITTED", "INELIGIBLE", officerId, at);
        status(id, "INELIGIBLE");
    }

    /** An offer answered ({@code ACCEPTED}, {@code DECLINED}) or not ({@code EXPIRED}) after {@code after}. */
    public long offer(long id, String kind, long providerOrganisationId, long providerUserId, long officerId, Instant sent,
            String status, Duration after, String declineReason) {
        Duration delay = kind.equals("HOME_CARE") ? Duration.ofHours(24) : Duration.ofHours(48);
        Instant end = sent.plus(after);
        transition(id, "ELIGIBLE", "OFFERED", officerId, sent);
        boolean answered = status.equals("ACCEPTED") || status.equals("DECLINED");
        long offer = jdbc.sql("""
                        insert into offer (referral_id, provider_kind, provider_id, provider_organisation_id, sent_at,
                            sent_by, deadline_at, status, answered_at, answered_by, decline_reason, ended_at,
                            departement_code)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (select departement_code from referral where id = ?))
                        returning id""")
                .param(id).param(kind).param(providerOrganisationId).param(providerOrganisationId)
                .param(Timestamp.from(sent)).param(officerId).param(Timestamp.from(sent.plus(delay))).param(status)
                .param(new SqlParameterValue(Types.TIMESTAMP, answered ? Timestamp.from(end) : null))
                .param(new SqlParameterValue(Types.BIGINT, answered ? providerUserId : null))
                .param(new SqlParameterValue(Types.VARCHAR, declineReason))
                .param(new SqlParameterValue(Types.TIMESTAMP, answered ? null : Timestamp.from(end)))
                .param(id)
                .query(Long.class).single();
        if (status.equals("ACCEPTED")) {
            transition(id, "OFFERED", "CARE_ARRANGED", providerUserId, end);
            jdbc.sql("update referral set status = 'CARE_ARRANGED', first_day = ?, last_day = ? where id = ?")
                    .param(java.sql.Date.valueOf(end.atZone(zone).toLocalDate()))
                    .param(java.sql.Date.valueOf(end.atZone(zone).toLocalDate())).param(id).update();
        }
        else {
            transition(id, "OFFERED", "ELIGIBLE", status.equals("EXPIRED") ? null : providerUserId, end);
        }
        return offer;
    }

    public void closed(long id, long advisorId, Instant at, String outcome) {
        transition(id, "CARE_ARRANGED", "CLOSED", advisorId, at);
        jdbc.sql("update referral set status = 'CLOSED', outcome = ?, closed_at = ? where id = ?").param(outcome)
                .param(Timestamp.from(at)).param(id).update();
    }

    public void noSolution(long id, long officerId, Instant at, String reason) {
        transition(id, "ELIGIBLE", "NO_SOLUTION", officerId, at);
        jdbc.sql("update referral set status = 'NO_SOLUTION', no_solution_reason = ? where id = ?").param(reason)
                .param(id).update();
    }

    private void decision(long id, long officerId, Instant at, String outcome, String reason) {
        jdbc.sql("""
                        insert into eligibility_decision (referral_id, decided_by, decided_at, outcome, reason,
                            rule_results, parameters)
                        values (?, ?, ?, ?, ?, '[]', '{}')""")
                .param(id).param(officerId).param(Timestamp.from(at)).param(outcome).param(new SqlParameterValue(Types.VARCHAR, reason))
                .update();
    }

    private void status(long id, String status) {
        jdbc.sql("update referral set status = ? where id = ?").param(status).param(id).update();
    }

    private void transition(long id, String from, String to, Long actorId, Instant at) {
        jdbc.sql("""
                        insert into referral_transition (referral_id, from_status, to_status, actor_id, occurred_at)
                        values (?, ?, ?, ?, ?)""")
                .param(id).param(new SqlParameterValue(Types.VARCHAR, from)).param(to).param(new SqlParameterValue(Types.BIGINT, actorId))
                .param(Timestamp.from(at)).update();
        jdbc.sql("update referral set last_transition_at = greatest(last_transition_at, ?) where id = ?")
                .param(Timestamp.from(at)).param(id).update();
    }
}
