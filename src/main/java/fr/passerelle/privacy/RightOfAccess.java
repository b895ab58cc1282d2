package fr.passerelle.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.Referral;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The right of access: an administrator finds every referral of a person of their territory (by France Travail
 * identifier, or by the parent's name and a child's birth date) and gets what Passerelle holds about them. Each file
 * made is logged in the access log.
 */
@Service
public class RightOfAccess {

    /** At most this many referrals for one person (a family files a few a year). */
    static final int MAX_REFERRALS = 100;

    /** A child as held: first name and birth date, or only an age once anonymised. */
    public record Child(String firstName, LocalDate birthDate, Integer ageMonths) {
    }

    /** One line of the timeline. */
    public record Step(Instant occurredAt, String fromStatus, String toStatus, String comment) {
    }

    /** One offer made to a provider. */
    public record OfferHeld(Instant sentAt, String providerKind, String providerName, String status, String message,
            String declineReason, String declineComment) {
    }

    /** Everything held about one referral. */
    public record Held(long id, String organisationName, String status, Instant createdAt, String parentLastName,
            String parentFirstName, String franceTravailId, String cafNumber, String phone, String email,
            String communeCode, Boolean singleParent, Boolean rsaRecipient, Boolean qpvResident, String purpose,
            LocalDate purposeDate, String purposeOrganisation, String need, LocalDate firstDay, LocalDate lastDay,
            LocalDate consentGivenOn, String outcome, String outcomeComment, String noSolutionReason,
            String noSolutionComment, Instant anonymisedAt, Instant consentWithdrawnAt, List<Child> children,
            List<Step> timeline, List<OfferHeld> offers, String registration) {
    }

    private final JdbcClient jdbc;
    private final AccessLog accessLog;

    RightOfAccess(JdbcClient jdbc, AccessLog accessLog) {
        this.jdbc = jdbc;
        this.accessLog = accessLog;
    }

    /** The referrals of the person in the administrator's territory, newest first (ids only: no data shown yet). */
    @Transactional(readOnly = true)
    public List<Long> find(CurrentUser admin, PersonSearch search) {
        String scope = " and (r.departement_code = :dep or o.departement_code = :dep)"
                + " order by r.created_at desc, r.id desc limit :max";
        if (search.hasFranceTravailId()) {
            return jdbc.sql("select r.id from referral r join organisation o on o.id = r.organisation_id"
                            + " where r.france_travail_id = :ft" + scope)
                    .param("ft", search.franceTravailIdNormalised()).param("dep", admin.getDepartementCode())
                    .param("max", MAX_REFERRALS).query(Long.class).list();
        }
        return jdbc.sql("select r.id from referral r join organisation o on o.id = r.organisation_id"
                        + " where r.parent_search_name = :name and exists (select 1 from referral_child c"
                        + " where c.referral_id = r.id and c.birth_date = :birthDate)" + scope)
                .param("name", Referral.parentSearchName(search.getLastName(), search.getFirstName()))
                .param("birthDate", search.getChildBirthDate()).param("dep", admin.getDepartementCode())
                .param("max", MAX_REFERRALS).query(Long.class).list();
    }

    /** Everything held about these referrals, for a file, and the access logged. */
    @Transactional
    public List<Held> export(CurrentUser admin, List<Long> ids, AccessedPage file) {
        accessLog.record(ids, admin.getUserId(), file);
        return held(ids);
    }

    /** Everything held about these referrals, in the order of the ids. */
    @Transactional(readOnly = true)
    public List<Held> held(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Long[] array = ids.toArray(Long[]::new);
        Map<Long, List<Child>> children = jdbc.sql("""
                        select referral_id, first_name, birth_date, age_months from referral_child
                        where referral_id = any(?) order by referral_id, position""")
                .param(array)
                .query((rs, n) -> Map.entry(rs.getLong(1), new Child(rs.getString(2),
                        rs.getObject(3, LocalDate.class), (Integer) rs.getObject(4, Integer.class))))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        Map<Long, List<Step>> timeline = jdbc.sql("""
                        select referral_id, occurred_at, from_status, to_status, comment from referral_transition
                        where referral_id = any(?) order by referral_id, occurred_at, id""")
                .param(array)
                .query((rs, n) -> Map.entry(rs.getLong(1), new Step(rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5))))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        Map<Long, List<OfferHeld>> offers = jdbc.sql("""
                        select f.referral_id, f.sent_at, f.provider_kind, p.name, f.status, f.message,
                               f.decline_reason, f.decline_comment
                        from offer f join organisation p on p.id = f.provider_organisation_id
                        where f.referral_id = any(?) order by f.referral_id, f.sent_at, f.id""")
                .param(array)
                .query((rs, n) -> Map.entry(rs.getLong(1), new OfferHeld(rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8))))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        Map<Long, Held> byId = jdbc.sql("""
                        select r.id, o.name, r.status, r.created_at, r.parent_last_name, r.parent_first_name,
                               r.france_travail_id, r.caf_number, r.phone, r.email, r.commune_code, r.single_parent,
                               r.rsa_recipient, r.qpv_resident, r.purpose, r.purpose_date, r.purpose_organisation,
                               r.need, r.first_day, r.last_day, r.consent_given_on, r.outcome, r.outcome_comment,
                               r.no_solution_reason, r.no_solution_comment, r.anonymised_at, r.consent_withdrawn_at,
                               r.registration
                        from referral r join organisation o on o.id = r.organisation_id
                        where r.id = any(?)""")
                .param(array)
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    return new Held(id, rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), (Boolean) rs.getObject(12), (Boolean) rs.getObject(13),
                            (Boolean) rs.getObject(14), rs.getString(15), rs.getObject(16, LocalDate.class),
                            rs.getString(17), rs.getString(18), rs.getObject(19, LocalDate.class),
                            rs.getObject(20, LocalDate.class), rs.getObject(21, LocalDate.class), rs.getString(22),
                            rs.getString(23), rs.getString(24), rs.getString(25), instant(rs.getTimestamp(26)),
                            instant(rs.getTimestamp(27)), children.getOrDefault(id, List.of()),
                            timeline.getOrDefault(id, List.of()), offers.getOrDefault(id, List.of()),
                            rs.getString(28));
                })
                .list().stream().collect(Collectors.toMap(Held::id, held -> held));
        return ids.stream().filter(byId::containsKey).map(byId::get).toList();
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
