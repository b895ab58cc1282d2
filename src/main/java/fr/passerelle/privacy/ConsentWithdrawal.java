package fr.passerelle.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralService;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;

import jakarta.persistence.EntityManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The parent withdrew their consent: the advisor records it, and in one transaction the referral is withdrawn (an
 * open one: routing cancels the pending offer and tells its provider, frees held places), its personal data is erased
 * at once ({@link Anonymiser}) and the audit trail says who recorded it.
 */
@Service
public class ConsentWithdrawal {

    private final ReferralService referrals;
    private final Anonymiser anonymiser;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final EntityManager entityManager;
    private final Clock clock;

    ConsentWithdrawal(ReferralService referrals, Anonymiser anonymiser, AuditTrail audit, JdbcClient jdbc,
            EntityManager entityManager, Clock clock) {
        this.referrals = referrals;
        this.anonymiser = anonymiser;
        this.audit = audit;
        this.jdbc = jdbc;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Withdraws the advisor's organisation's referral if it is still open, and erases its personal data.
     *
     * @throws fr.passerelle.system.NotFoundException for another organisation's referral
     * @throws StaleDataException when the referral changed since the page was shown
     * @throws RejectedChangeException ({@code privacy.consent.alreadyErased}) when its data is already erased
     */
    @Transactional
    public void record(CurrentUser advisor, long id, long version) {
        Referral referral = referrals.get(advisor, id);
        if (referral.getVersion() != version) {
            throw new StaleDataException();
        }
        boolean erased = jdbc.sql("select anonymised_at is not null from referral where id = ? for update")
                .param(id).query(Boolean.class).single();
        if (erased) {
            throw new RejectedChangeException("privacy.consent.alreadyErased");
        }
        ReferralStatus before = referral.getStatus();
        if (before.canMoveTo(ReferralStatus.WITHDRAWN)) {
            referrals.withdraw(advisor, id, version, "Consent withdrawn by the parent");
        }
        // Routing's changes (offer cancelled, places freed) reach the database before the rows are erased: nothing
        // the persistence context holds may write the erased values back at the commit.
        entityManager.flush();
        entityManager.clear();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        anonymiser.anonymise(List.of(id), now);
        jdbc.sql("update referral set consent_withdrawn_at = ? where id = ?").param(now.atOffset(ZoneOffset.UTC))
                .param(id).update();
        audit.record(advisor.getUserId(), AuditedEntity.REFERRAL.name(), id, "CONSENT_WITHDRAWN",
                Changes.of().field("status", before, before.canMoveTo(ReferralStatus.WITHDRAWN)
                        ? ReferralStatus.WITHDRAWN : before).field("personalData", "kept", "erased"));
    }
}
