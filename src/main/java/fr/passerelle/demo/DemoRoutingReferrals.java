package fr.passerelle.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import fr.passerelle.eligibility.DecisionForm;
import fr.passerelle.eligibility.DecisionOutcome;
import fr.passerelle.eligibility.EligibilityReviewService;
import fr.passerelle.followup.FollowUps;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.UserAccount;
import fr.passerelle.organisation.UserAccountRepository;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Outcome;
import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralClosed;
import fr.passerelle.referral.ReferralDetails;
import fr.passerelle.referral.ReferralRepository;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.matching.Candidate;
import fr.passerelle.routing.matching.CandidateSearch;
import fr.passerelle.routing.offer.OfferService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * Referrals for the routing journeys of the README, each brought where it stands by the same services the pages use
 * (eligibility decision, offer, acceptance), at past moments when the story needs it: the services are replayed with
 * a clock set to that moment, so every rule (candidates, capacity, deadlines) holds as it held then.
 * <ul>
 * <li>{@code routing-emergency}: an emergency for today in Évry-Courcouronnes, eligible, to route to the home-care
 * service {@code sad.essonne};</li>
 * <li>{@code routing-occasional}: occasional care next week in Corbeil-Essonnes, eligible, whose candidates are the
 * childminders of Corbeil and Évry and the crèche Les Petits Pas;</li>
 * <li>{@code routing-overdue}: an emergency of Massy offered 25 hours before loading to {@code sad.nord}, whose
 * 24 hours have run out: the expiry job sends it back to the routing queue within a minute of start-up;</li>
 * <li>{@code routing-hand-on}: an emergency of Corbeil-Essonnes offered 25 hours and a half before loading to
 * {@code sad.essonne}: the expiry job hands it on automatically to {@code sad.seine} within a minute of start-up;</li>
 * <li>{@code routing-care-arranged}: occasional care from today in Étampes, accepted yesterday by the childminder
 * {@code am.david}: its advisor can record the outcome;</li>
 * <li>{@code follow-up-job-started}: a job in Évry-Courcouronnes whose outcome "job started" was recorded 39 days
 * ago by {@code conseiller.evry}: its one-month follow-up waits on the advisor's home and referral page;</li>
 * <li>{@code childcare-aid-job}: care arranged by {@code am.bernard} for a job in three days, a child of four: the
 * advisor's page of {@code conseiller.evry} shows France Travail's childcare aid (AGE) prompt.</li>
 * </ul>
 * Fixed creation tokens make loading twice file nothing more.
 */
@Component
@Profile("demo")
@Order(3)
class DemoRoutingReferrals implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRoutingReferrals.class);

    private final ReferralRepository referrals;
    private final UserAccountRepository users;
    private final OrganisationRepository organisations;
    private final UserDetailsService principals;
    private final EligibilityReviewService eligibility;
    private final OfferService offers;
    private final CandidateSearch candidates;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final FollowUps followUps;

    DemoRoutingReferrals(ReferralRepository referrals, UserAccountRepository users,
            OrganisationRepository organisations, UserDetailsService principals, EligibilityReviewService eligibility,
            OfferService offers, CandidateSearch candidates, Clock clock, ApplicationEventPublisher events,
            FollowUps followUps) {
        this.events = events;
        this.followUps = followUps;
        this.referrals = referrals;
        this.users = users;
        this.organisations = organisations;
        this.principals = principals;
        this.eligibility = eligibility;
        this.offers = offers;
        this.candidates = candidates;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        LocalDate today = LocalDate.now(clock);
        int created = 0;

        if (absent("routing-emergency")) {
            Referral referral = file("routing-emergency", "conseiller.evry", ago(Duration.ofMinutes(50)),
                    new ReferralDetails("Diallo", "Fatoumata", "4021878M", true, null, "+33612345611", null, "91228",
                            "91", true, false, true, List.of(new ReferralDetails.Child("Awa", today.minusYears(4))),
                            Purpose.JOB, today, "Boulangerie du Centre", "91228", CareNeed.EMERGENCY_HOME_CARE, today,
                            LocalTime.of(8, 0), today, Set.of(), null, null, true));
            declareEligible(referral, ago(Duration.ofMinutes(20)));
            created++;
        }
        if (absent("routing-occasional")) {
            LocalDate firstDay = today.plusDays(7);
            Referral referral = file("routing-occasional", "conseiller.evry", ago(Duration.ofHours(3)),
                    new ReferralDetails("Nguyen", "Linh", "4021879N", true, "2345678", "+33612345612", null, "91174",
                            "91", true, true, false,
                            // 25 months on the first day: within the crèche's ages (2 to 36 months) and the
                            // childminders' (0 to 11 years).
                            List.of(new ReferralDetails.Child("Inès", firstDay.minusMonths(25))),
                            Purpose.TRAINING, firstDay, "GRETA Essonne", "91174", CareNeed.OCCASIONAL, firstDay,
                            LocalTime.of(9, 0), firstDay.plusDays(4), Set.of(), null, null, true));
            declareEligible(referral, ago(Duration.ofHours(2)));
            created++;
        }
        if (absent("routing-overdue")) {
            Referral referral = file("routing-overdue", "conseiller.massy", ago(Duration.ofHours(27)),
                    new ReferralDetails("Rousseau", "Amandine", "40218765433", true, null, "+33612345613", null,
                            "91377", "91", false, false, false,
                            List.of(new ReferralDetails.Child("Adam", today.minusYears(5))), Purpose.JOB_INTERVIEW,
                            today.plusDays(1), "Mairie de Massy", "91377", CareNeed.EMERGENCY_HOME_CARE,
                            today.plusDays(1), LocalTime.of(8, 30), today.plusDays(1), Set.of(), null, null, true));
            declareEligible(referral, ago(Duration.ofHours(26)));
            // Sent 25 hours ago with 24 hours to answer: overdue since an hour, nobody answered.
            sendOffer(referral, OrganisationKind.HOME_CARE_SERVICE, "Nord Essonne Aide à Domicile",
                    ago(Duration.ofHours(25)), "Entretien à 9 h à la mairie de Massy.");
            created++;
        }
        if (absent("routing-hand-on")) {
            Referral referral = file("routing-hand-on", "conseiller.evry", ago(Duration.ofHours(27)),
                    new ReferralDetails("Perrin", "Chloé", "4021881Q", true, null, "+33612345615", null, "91174",
                            "91", true, false, true, List.of(new ReferralDetails.Child("Hugo", today.minusYears(2))),
                            Purpose.JOB_INTERVIEW, today.plusDays(1), "Pôle logistique de Corbeil", "91174",
                            CareNeed.EMERGENCY_HOME_CARE, today.plusDays(1), LocalTime.of(9, 0), today.plusDays(1),
                            Set.of(), null, null, true));
            declareEligible(referral, ago(Duration.ofHours(26)));
            // Sent 25 hours and a half ago with 24 hours to answer: the first expiry run (within a minute of
            // start-up) expires it and, emergencies being handed on, offers it at once to Val de Seine.
            sendOffer(referral, OrganisationKind.HOME_CARE_SERVICE, "Essonne Services à Domicile",
                    ago(Duration.ofMinutes(25 * 60 + 30)), null);
            created++;
        }
        if (absent("routing-care-arranged")) {
            Referral referral = file("routing-care-arranged", "conseiller.mission-locale", ago(Duration.ofHours(28)),
                    new ReferralDetails("Girard", "Sonia", "4021880P", true, null, "+33612345614", null, "91223",
                            "91", true, true, null, List.of(new ReferralDetails.Child("Lucas", today.minusYears(3))),
                            Purpose.TRAINING, today, "AFPA Étampes", "91223", CareNeed.OCCASIONAL, today,
                            LocalTime.of(8, 30), today.plusDays(4), Set.of(), null, null, true));
            declareEligible(referral, ago(Duration.ofHours(27)));
            long offerId = sendOffer(referral, OrganisationKind.CHILDMINDER, "Céline David",
                    ago(Duration.ofHours(26)), null);
            offers.withClock(at(ago(Duration.ofHours(24)))).accept(principal("am.david"), offerId);
            created++;
        }
        // Issue 20: an outcome "job started" recorded 39 days ago, whose one-month follow-up waits for its advisor.
        if (absent("follow-up-job-started")) {
            LocalDate firstDay = today.minusDays(40);
            Referral referral = file("follow-up-job-started", "conseiller.evry", ago(Duration.ofDays(45)),
                    new ReferralDetails("Delacroix", "Julie", "4021881Q", true, null, "+33612345615", null, "91228",
                            "91", true, false, false, List.of(new ReferralDetails.Child("Léo", today.minusYears(2))),
                            Purpose.JOB, firstDay, "Boulangerie du Centre", "91228", CareNeed.OCCASIONAL, firstDay,
                            LocalTime.of(8, 0), firstDay.plusDays(2), Set.of(), null, null, true));
            declareEligible(referral, ago(Duration.ofDays(44)));
            long offerId = sendOffer(referral, OrganisationKind.CHILDMINDER, "Sophie Martin",
                    ago(Duration.ofDays(43)), null);
            offers.withClock(at(ago(Duration.ofDays(42)))).accept(principal("am.martin"), offerId);
            Instant closedAt = ago(Duration.ofDays(39));
            Referral arranged = referrals.findById(referral.getId()).orElseThrow();
            arranged.close(arranged.getCreatedBy(), Outcome.JOB_STARTED, null, closedAt);
            referrals.flush();
            events.publishEvent(new ReferralClosed(arranged.getId(), Outcome.JOB_STARTED, closedAt));
            followUps.createDue();
            created++;
        }
        // Issue 20: care arranged for a job starting in three days, with a child of four: the AGE prompt shows.
        if (absent("childcare-aid-job")) {
            LocalDate firstDay = today.plusDays(3);
            Referral referral = file("childcare-aid-job", "conseiller.evry", ago(Duration.ofHours(3)),
                    new ReferralDetails("Vasseur", "Nora", "4021882R", true, null, "+33612345616", null, "91228",
                            "91", true, false, false, List.of(new ReferralDetails.Child("Mila", today.minusYears(4))),
                            Purpose.JOB, firstDay, "Hôpital Sud Francilien", "91228", CareNeed.OCCASIONAL, firstDay,
                            LocalTime.of(7, 30), firstDay.plusDays(4), Set.of(), null, null, true));
            declareEligible(referral, ago(Duration.ofHours(2)));
            long offerId = sendOffer(referral, OrganisationKind.CHILDMINDER, "Nadia Bernard",
                    ago(Duration.ofHours(1)), null);
            offers.withClock(at(ago(Duration.ofMinutes(30)))).accept(principal("am.bernard"), offerId);
            created++;
        }
        log.info("Demo routing referrals ready ({} created)", created);
    }

    /** Files and sends the referral to the Caf at that moment, as the advisor's form does. */
    private Referral file(String name, String advisorUsername, Instant at, ReferralDetails details) {
        UserAccount advisor = users.findWithOrganisationByUsername(advisorUsername)
                .orElseThrow(() -> new IllegalStateException("Demo account " + advisorUsername + " is missing"));
        Referral referral = Referral.draft(advisor, token(name), details, at, LocalDate.ofInstant(at, clock.getZone()));
        referral.submit(advisor, at);
        return referrals.saveAndFlush(referral);
    }

    /** The demo officer finds the family eligible at that moment, every rule checked and recorded. */
    private void declareEligible(Referral referral, Instant at) {
        DecisionForm form = new DecisionForm();
        form.setVersion(referral.getVersion());
        form.setOutcome(DecisionOutcome.ELIGIBLE);
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "form");
        if (!eligibility.withClock(at(at)).decide(principal("agent.caf"), referral.getId(), form, errors)) {
            throw new IllegalStateException("A demo referral is not eligible: " + errors);
        }
    }

    /** The demo officer sends an offer at that moment to that provider, which must be one of the candidates. */
    private long sendOffer(Referral referral, OrganisationKind kind, String providerName, Instant at, String message) {
        CurrentUser officer = principal("agent.caf");
        long organisationId = organisations.findByKindAndName(kind, providerName).orElseThrow().getId();
        ProviderRef provider = candidates.candidates(officer, referral.getId()).ranked().stream()
                .filter(candidate -> candidate.organisationId() == organisationId)
                .map(Candidate::provider).findFirst()
                .orElseThrow(() -> new IllegalStateException(providerName + " is not a candidate for a demo referral"));
        return offers.withClock(at(at)).sendOffer(officer, referral.getId(), provider, message).offerId();
    }

    private CurrentUser principal(String username) {
        return (CurrentUser) principals.loadUserByUsername(username);
    }

    private Instant ago(Duration duration) {
        return clock.instant().minus(duration);
    }

    private Clock at(Instant instant) {
        return Clock.fixed(instant, clock.getZone());
    }

    private boolean absent(String name) {
        return referrals.findByCreationToken(token(name)).isEmpty();
    }

    private static UUID token(String name) {
        return UUID.nameUUIDFromBytes(("passerelle-demo-referral-" + name).getBytes(StandardCharsets.UTF_8));
    }
}
