package fr.passerelle.followup;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralChild;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.system.StaleDataException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * France Travail's childcare aid (AGE): whether the advisor's page prompts for it, and what the advisor recorded
 * (requested on a day, or not with a reason). One record per referral, editable while the care is arranged,
 * optimistically locked, every change in the audit trail.
 */
@Service
public class ChildcareAid {

    private final JdbcClient jdbc;
    private final ChildcareAidProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    ChildcareAid(JdbcClient jdbc, ChildcareAidProperties properties, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** A child the aid may concern, with its age in years today. */
    public record Child(String firstName, int age) {
    }

    /** The prompt of the advisor's page: the conditions and the children concerned. */
    public record Prompt(int childAgeLimit, Period minActivity, Period requestWithin, LocalDate requestBy,
            List<Child> children) {
    }

    /** What the advisor recorded. */
    public record Record(boolean requested, LocalDate requestedOn, NotRequestedReason reason, String comment,
            long version) {
    }

    /**
     * The prompt for this referral, when care was arranged (or the referral closed after it) for a job or a training
     * and at least one child is under the age limit; empty otherwise.
     */
    public Optional<Prompt> prompt(Referral referral) {
        boolean arranged = referral.getStatus() == ReferralStatus.CARE_ARRANGED
                || referral.getStatus() == ReferralStatus.CLOSED && referral.getOutcome() != null;
        if (!arranged || (referral.getPurpose() != Purpose.JOB && referral.getPurpose() != Purpose.TRAINING)
                || referral.isAnonymised()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock);
        List<Child> children = referral.getChildren().stream()
                .filter(child -> child.getBirthDate() != null)
                .map(child -> new Child(child.getFirstName(), Period.between(child.getBirthDate(), today).getYears()))
                .filter(child -> child.age() < properties.childAgeLimit())
                .toList();
        if (children.isEmpty()) {
            return Optional.empty();
        }
        LocalDate start = referral.getPurposeDate() != null ? referral.getPurposeDate() : referral.getFirstDay();
        return Optional.of(new Prompt(properties.childAgeLimit(), properties.minActivity(),
                properties.requestWithin(), start == null ? null : start.plus(properties.requestWithin()), children));
    }

    /** What was recorded for a referral of the advisor's organisation. */
    @Transactional(readOnly = true)
    public Optional<Record> record(CurrentUser advisor, long referralId) {
        return jdbc.sql("""
                        select requested, requested_on, reason, comment, version from childcare_aid_record
                        where referral_id = ? and organisation_id = ?""")
                .params(referralId, advisor.getOrganisationId())
                .query((rs, n) -> new Record(rs.getBoolean(1), rs.getObject(2, LocalDate.class),
                        FollowUps.enumOf(NotRequestedReason.class, rs.getString(3)), rs.getString(4), rs.getLong(5)))
                .optional();
    }

    /**
     * Records (or changes, with the version read) whether the aid was requested. The referral was loaded for the
     * advisor (so it is theirs) and its prompt applies; it is locked so that two first records make one.
     *
     * @param version the record's version read, or {@code null} for a first record
     * @return whether something was saved (a double submit of a first record saves nothing the second time)
     */
    @Transactional
    public boolean save(CurrentUser advisor, Referral referral, Long version, boolean requested,
            LocalDate requestedOn, NotRequestedReason reason, String comment) {
        if (referral.getStatus() != ReferralStatus.CARE_ARRANGED || prompt(referral).isEmpty()) {
            throw new IllegalStateException("No childcare aid to record for this referral");
        }
        jdbc.sql("select id from referral where id = ? for update").param(referral.getId()).query(Long.class).single();
        Optional<Record> before = record(advisor, referral.getId());
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        LocalDate day = requested ? requestedOn : null;
        NotRequestedReason why = requested ? null : reason;
        if (before.isEmpty()) {
            if (version != null) {
                throw new StaleDataException();
            }
            jdbc.sql("""
                            insert into childcare_aid_record (referral_id, organisation_id, requested, requested_on,
                                                              reason, comment, recorded_by, recorded_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(referral.getId(), advisor.getOrganisationId(), requested,
                            day == null ? null : Date.valueOf(day), why == null ? null : why.name(), text,
                            advisor.getUserId(), Timestamp.from(clock.instant()))
                    .update();
            audit.record(advisor.getUserId(), "REFERRAL", referral.getId(), "CHILDCARE_AID_RECORDED",
                    Changes.of().created("requested", requested).created("requestedOn", day)
                            .created("reason", why));
            return true;
        }
        Record old = before.get();
        if (version == null) {
            // The same first record sent twice: the first one saved it.
            return false;
        }
        int updated = jdbc.sql("""
                        update childcare_aid_record
                        set requested = ?, requested_on = ?, reason = ?, comment = ?, recorded_by = ?,
                            recorded_at = ?, version = version + 1
                        where referral_id = ? and organisation_id = ? and version = ?""")
                .params(requested, day == null ? null : Date.valueOf(day), why == null ? null : why.name(), text,
                        advisor.getUserId(), Timestamp.from(clock.instant()), referral.getId(),
                        advisor.getOrganisationId(), version)
                .update();
        if (updated == 0) {
            throw new StaleDataException();
        }
        audit.record(advisor.getUserId(), "REFERRAL", referral.getId(), "CHILDCARE_AID_CHANGED",
                Changes.of().field("requested", old.requested(), requested)
                        .field("requestedOn", old.requestedOn(), day).field("reason", old.reason(), why));
        return true;
    }
}
