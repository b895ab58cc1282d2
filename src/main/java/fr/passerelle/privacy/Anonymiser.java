package fr.passerelle.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases the personal data of referrals and keeps what the statistics are computed from ({@code statistics/events.sql}):
 * organisation, département, commune, need, purpose, statuses, every date of the timeline, decisions and offers,
 * the first and last days of care. Names, identifiers, contacts, children's first names, the employer or training
 * body, and every free text (timeline comments, decisions' comments, justifications and rule arguments, offer
 * messages, outcome and no-solution comments, decline comments) are erased; children's birth dates become an age in
 * months at the time of the referral; the purpose's date and the consent's date are truncated to the month. The
 * family's statistics key is kept (the hash statistics_event already holds), so the figures stay identical.
 * <p>
 * The timeline and the decisions are append-only: the transaction sets {@code passerelle.anonymise} (V18), the one
 * path their triggers let through, and only to blank free text. Callers record the run in the audit trail.
 */
@Component
public class Anonymiser {

    private final JdbcClient jdbc;
    private final Clock clock;

    Anonymiser(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Anonymises these referrals (those already anonymised are left as they are), in the caller's transaction, whose
     * rows the caller has locked.
     *
     * @return how many referrals were anonymised
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int anonymise(Collection<Long> referralIds, Instant now) {
        if (referralIds.isEmpty()) {
            return 0;
        }
        Long[] ids = referralIds.toArray(Long[]::new);
        allowAnonymisation();
        jdbc.sql("""
                        update referral_child c
                        set age_months = greatest(0, extract(year from age(ref.day, c.birth_date)) * 12
                                                     + extract(month from age(ref.day, c.birth_date))),
                            first_name = null, birth_date = null
                        from (select r.id, (coalesce(r.submitted_at, r.created_at) at time zone :zone)::date as day
                              from referral r where r.id = any(:ids) and r.anonymised_at is null) ref
                        where c.referral_id = ref.id and c.birth_date is not null""")
                .param("ids", ids).param("zone", clock.getZone().getId()).update();
        jdbc.sql("""
                        update referral_transition set comment = null
                        where referral_id = any(:ids) and comment is not null
                          and referral_id in (select id from referral where id = any(:ids) and anonymised_at is null)""")
                .param("ids", ids).update();
        jdbc.sql("""
                        update eligibility_decision d
                        set comment = null, justification = null, anonymised = true,
                            rule_results = (select coalesce(jsonb_agg(jsonb_set(x, '{messageArguments}', '[]'::jsonb)
                                                                      order by n), '[]'::jsonb)
                                            from jsonb_array_elements(d.rule_results) with ordinality as e (x, n))
                        where d.referral_id = any(:ids) and not d.anonymised""")
                .param("ids", ids).update();
        // The free texts of the outcome's follow-ups and of the childcare aid record (followup package).
        jdbc.sql("""
                        update outcome_follow_up set comment = null
                        where referral_id = any(:ids) and comment is not null""")
                .param("ids", ids).update();
        jdbc.sql("""
                        update childcare_aid_record set comment = null
                        where referral_id = any(:ids) and comment is not null""")
                .param("ids", ids).update();
        jdbc.sql("""
                        update offer set message = null, decline_comment = null, anonymised_at = :now
                        where referral_id = any(:ids) and anonymised_at is null""")
                .param("ids", ids).param("now", now.atOffset(ZoneOffset.UTC)).update();
        return jdbc.sql("""
                        update referral
                        set family_key = hashtextextended(coalesce(france_travail_id, nullif(parent_search_name, ''),
                                                                   'referral ' || id), 0),
                            parent_last_name = null, parent_first_name = null, parent_search_name = '',
                            france_travail_id = null, caf_number = null, phone = null, email = null,
                            purpose_organisation = null, outcome_comment = null, no_solution_comment = null,
                            purpose_date = date_trunc('month', purpose_date)::date,
                            consent_given_on = date_trunc('month', consent_given_on)::date,
                            anonymised_at = :now, version = version + 1
                        where id = any(:ids) and anonymised_at is null""")
                .param("ids", ids).param("now", now.atOffset(ZoneOffset.UTC)).update();
    }

    /** Opens the append-only tables' one path (V18) for the rest of this transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void allowAnonymisation() {
        jdbc.sql("select set_config('passerelle.anonymise', 'on', true)").query(String.class).single();
    }
}
