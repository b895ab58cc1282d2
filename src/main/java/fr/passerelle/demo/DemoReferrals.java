package fr.passerelle.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import fr.passerelle.eligibility.PurposeSettings;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralDetails;
import fr.passerelle.referral.ReferralRepository;
import fr.passerelle.referral.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A few referrals, so that the demo officer's queue is not empty on the first visit: two sent to the Caf (one an
 * emergency), one waiting for the advisor's answer and one draft; and Essonne's purposes with the RSA service's
 * referral for a workshop (issue 20). Each has a fixed creation token, so loading twice
 * files nothing more. Dates are set from the day of the first load.
 */
@Component
@Profile("demo")
@Order(2)
class DemoReferrals implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoReferrals.class);

    private final ReferralRepository referrals;
    private final UserAccountRepository users;
    private final PurposeSettings purposeSettings;
    private final Clock clock;

    DemoReferrals(ReferralRepository referrals, UserAccountRepository users, PurposeSettings purposeSettings,
            Clock clock) {
        this.referrals = referrals;
        this.users = users;
        this.purposeSettings = purposeSettings;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        UserAccount evry = user("conseiller.evry");
        UserAccount massy = user("conseiller.massy");
        UserAccount missionLocale = user("conseiller.mission-locale");
        UserAccount officer = user("agent.caf");
        int created = 0;

        if (absent("emergency")) {
            Referral referral = Referral.draft(evry, token("emergency"), new ReferralDetails("Benali", "Sarah",
                    "4021876K", true, null, "+33612345601", null, "91228", "91", true, false, true,
                    List.of(new ReferralDetails.Child("Yanis", today.minusYears(3).minusMonths(2))),
                    Purpose.JOB_INTERVIEW, today.plusDays(2), "Carrefour Évry 2", "91228",
                    CareNeed.EMERGENCY_HOME_CARE, today.plusDays(2), LocalTime.of(8, 30), today.plusDays(2),
                    Set.of(), null, null, true), now, today);
            referral.submit(evry, now);
            referrals.save(referral);
            created++;
        }
        if (absent("occasional")) {
            Referral referral = Referral.draft(massy, token("occasional"), new ReferralDetails("Lefèvre", "Julie",
                    "40218765432", true, "1234567", "+33698765402", null, "91377", "91", false, true, false,
                    List.of(new ReferralDetails.Child("Emma", today.minusYears(6)),
                            new ReferralDetails.Child("Hugo", today.minusYears(2).minusMonths(5))),
                    Purpose.TRAINING, today.plusDays(10), "AFPA Massy", "91377", CareNeed.OCCASIONAL,
                    today.plusDays(10), LocalTime.of(9, 0), today.plusDays(24), Set.of(), null, null, true),
                    now.minusSeconds(3600), today);
            referral.submit(massy, now.minusSeconds(3600));
            referrals.save(referral);
            created++;
        }
        if (absent("information-requested")) {
            Referral referral = Referral.draft(missionLocale, token("information-requested"),
                    new ReferralDetails("Traoré", "Aminata", "4021877L", true, null, "+33687654303", null, "91223",
                            "91", true, null, null,
                            List.of(new ReferralDetails.Child("Moussa", today.minusYears(4))),
                            Purpose.JOB, today.plusDays(14), "Mairie d'Étampes", "91223", CareNeed.REGULAR,
                            today.plusDays(14), LocalTime.of(8, 0), today.plusMonths(3),
                            EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                            LocalTime.of(8, 0), LocalTime.of(17, 30), true),
                    now.minusSeconds(7200), today);
            referral.submit(missionLocale, now.minusSeconds(7200));
            referral.requestInformation(officer, "Le contrat de travail est-il signé ? Merci de préciser la date "
                    + "d’embauche.", now.minusSeconds(3000));
            referrals.save(referral);
            created++;
        }
        if (absent("draft")) {
            referrals.save(Referral.draft(evry, token("draft"), new ReferralDetails("Petit", "Nora", null, false,
                    null, null, null, "91228", "91", null, null, null,
                    List.of(new ReferralDetails.Child("Léo", today.minusYears(1))), Purpose.TRAINING, null, null,
                    null, CareNeed.OCCASIONAL, null, null, null, Set.of(), null, null, false), now, today));
            created++;
        }
        created += purposesAndPrescribers(today);
        log.info("Demo referrals ready ({} created)", created);
    }

    /**
     * Issue 20: Essonne's Caf offers the workshop and the immersion in a company as eligible purposes, and the
     * recruitment event as offered but not eligible; the Département's RSA service sends a referral for an RSA
     * recipient going to a workshop. The referral is sent after the settings, so that they are the rule of its day.
     */
    private int purposesAndPrescribers(LocalDate today) {
        CurrentUser admin = CurrentUser.of(user("admin.caf"));
        if (!purposeSettings.current(admin).chosen()) {
            purposeSettings.choose(admin,
                    EnumSet.of(Purpose.JOB_INTERVIEW, Purpose.TRAINING, Purpose.JOB, Purpose.WORKSHOP,
                            Purpose.COMPANY_IMMERSION, Purpose.RECRUITMENT_EVENT),
                    EnumSet.of(Purpose.JOB_INTERVIEW, Purpose.TRAINING, Purpose.JOB, Purpose.WORKSHOP,
                            Purpose.COMPANY_IMMERSION), 0);
        }
        if (!absent("rsa-workshop")) {
            return 0;
        }
        UserAccount rsa = user("rsa.essonne");
        Instant sent = clock.instant();
        Referral referral = Referral.draft(rsa, token("rsa-workshop"), new ReferralDetails("Mendy", "Awa",
                "40218769876", true, null, "+33676543204", null, "91228", "91", true, true, false,
                List.of(new ReferralDetails.Child("Adam", today.minusYears(2).minusMonths(3))),
                Purpose.WORKSHOP, today.plusDays(5), "France Travail Évry-Courcouronnes — atelier CV", "91228",
                CareNeed.OCCASIONAL, today.plusDays(5), LocalTime.of(9, 0), today.plusDays(5), Set.of(), null, null,
                true, Registration.RSA_RECIPIENT), sent, today);
        referral.submit(rsa, sent);
        referrals.save(referral);
        return 1;
    }

    private boolean absent(String name) {
        return referrals.findByCreationToken(token(name)).isEmpty();
    }

    private UserAccount user(String username) {
        return users.findWithOrganisationByUsername(username)
                .orElseThrow(() -> new IllegalStateException("Demo account " + username + " is missing"));
    }

    private static UUID token(String name) {
        return UUID.nameUUIDFromBytes(("passerelle-demo-referral-" + name).getBytes(StandardCharsets.UTF_8));
    }
}
