package fr.passerelle.referral;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import fr.passerelle.eligibility.DecisionForm;
import fr.passerelle.eligibility.DecisionOutcome;
import fr.passerelle.eligibility.EligibilityReviewService;
import fr.passerelle.eligibility.IneligibilityReason;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.OrganisationRepository;
import fr.passerelle.organisation.Role;
import fr.passerelle.support.TestAccounts;
import fr.passerelle.support.TestAccounts.Account;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * Test data for the web tests of referrals: families, and referrals filed through {@link ReferralService} (and
 * decided through {@link EligibilityReviewService}) exactly as the pages would, for a given advisor and commune.
 * Every family has its own parent name and France Travail identifier, so that no test sees another's referral as a
 * duplicate.
 */
@TestComponent
public class ReferralFixtures {

    /** Évry-Courcouronnes, prefecture of Essonne (91), the territory of {@link TestAccounts}' organisations. */
    public static final String EVRY = "91228";

    /** Its label, as the commune field of the form shows and resolves it. */
    public static final String EVRY_LABEL = "Évry-Courcouronnes (91000)";

    public static final String ESSONNE = "91";

    private final ReferralService referrals;
    private final ReferralRepository repository;
    private final EligibilityReviewService reviews;
    private final TestAccounts accounts;
    private final OrganisationRepository organisations;
    private final UserDetailsService users;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReferralFixtures(ReferralService referrals, ReferralRepository repository, EligibilityReviewService reviews,
            TestAccounts accounts, OrganisationRepository organisations, UserDetailsService users, JdbcClient jdbc,
            Clock clock) {
        this.referrals = referrals;
        this.repository = repository;
        this.reviews = reviews;
        this.accounts = accounts;
        this.organisations = organisations;
        this.users = users;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The principal the application keeps in the session once this account has signed in. */
    public CurrentUser principal(Account account) {
        return (CurrentUser) users.loadUserByUsername(account.username());
    }

    /** An advisor of a new France Travail agency. */
    public Account advisor() {
        return accounts.create(Role.ADVISOR);
    }

    /** A Caf officer of a new Caf serving {@code departementCode}. */
    public Account officerIn(String departementCode) {
        Organisation caf = organisations.save(new Organisation(OrganisationKind.CAF,
                "Caf " + departementCode + " " + UUID.randomUUID().toString().substring(0, 8), departementCode,
                communeIn(departementCode)));
        return accounts.create(Role.CAF_OFFICER, caf);
    }

    /**
     * A département no referral waiting for the Caf lives in, so that a test sees its officer's whole queue (the
     * database is shared by every test, and Essonne's queue holds theirs).
     */
    public String departementWithEmptyQueue() {
        return jdbc.sql("""
                select d.code from departement d
                where exists (select from commune c where c.departement_code = d.code)
                  and not exists (select from referral r where r.departement_code = d.code
                                  and r.status in ('SUBMITTED', 'INFORMATION_REQUESTED'))
                order by d.code limit 1""")
                .query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("Every département has referrals waiting: use a new"
                        + " test database"));
    }

    /** A département with communes where no referral was ever filed: every queue of its officers is empty. */
    public String departementWithoutReferrals() {
        return jdbc.sql("""
                select d.code from departement d
                where exists (select from commune c where c.departement_code = d.code)
                  and not exists (select from referral r where r.departement_code = d.code)
                order by d.code limit 1""")
                .query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("Every département has referrals: use a new test"
                        + " database"));
    }

    /** A mainland département with communes but no active Caf organisation: Passerelle serves nobody there. */
    public String departementWithoutCaf() {
        return jdbc.sql("""
                select d.code from departement d
                where d.code ~ '^[0-9]{2}$' and exists (select from commune c where c.departement_code = d.code)
                  and not exists (select from organisation o where o.kind = 'CAF' and o.active
                                  and o.departement_code = d.code)
                order by d.code limit 1""")
                .query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("Every département has a Caf: use a new test database"));
    }

    /** The most populous commune of the département. */
    public String communeIn(String departementCode) {
        return jdbc.sql("""
                select insee_code from commune where departement_code = ?
                order by population desc nulls last, insee_code limit 1""")
                .param(departementCode).query(String.class).single();
    }

    /** A family of Évry with everything the Caf needs, consent given: ready to be submitted. */
    /**
     * The referral form's fields with everything the Caf needs, as the advisor types them, for a family of its own
     * (so never a duplicate of another test's): first day a week after {@code today}.
     */
    public static java.util.Map<String, String> completeFormFields(LocalDate today) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("parentLastName", "Martin-" + UUID.randomUUID().toString().substring(0, 8));
        fields.put("parentFirstName", "Léa");
        fields.put("franceTravailId", String.format("%07dB", ThreadLocalRandom.current().nextInt(10_000_000)));
        fields.put("jobSeekerAttested", "true");
        fields.put("phone", "06 12 34 56 78");
        fields.put("communeQuery", EVRY_LABEL);
        fields.put("children[0].firstName", "Noah");
        fields.put("children[0].birthDate", today.minusYears(4).toString());
        fields.put("purpose", "JOB_INTERVIEW");
        fields.put("need", "OCCASIONAL");
        fields.put("firstDay", today.plusDays(7).toString());
        fields.put("consentGiven", "true");
        return fields;
    }

    public Family family() {
        return new Family(LocalDate.now(clock));
    }

    /** A draft with a complete family. */
    public Referral draft(Account advisor) {
        return file(advisor, family(), false);
    }

    /** A complete family sent to the Caf of Essonne. */
    public Referral submitted(Account advisor) {
        return file(advisor, family(), true);
    }

    /** Files the family as the new-referral form does: a draft, or sent at once. */
    public Referral file(Account advisor, Family family, boolean submit) {
        return referrals.create(principal(advisor), UUID.randomUUID(), family.details(), submit);
    }

    /** Sends a draft to the Caf as its page does. */
    public Referral submit(Account advisor, Referral referral) {
        return referrals.submit(principal(advisor), referral.getId(), referral.getVersion());
    }

    /** The advisor answers the officer's question; the referral goes back to the queue. */
    public Referral answer(Account advisor, Referral referral) {
        return referrals.answerInformationRequest(principal(advisor), referral.getId(), referral.getVersion(),
                "L’entretien est à 9 h.");
    }

    public Referral withdraw(Account advisor, Referral referral) {
        return referrals.withdraw(principal(advisor), referral.getId(), referral.getVersion(), "Plus besoin.");
    }

    /** The officer asks the advisor a question; the referral waits for the answer. */
    public Referral requestInformation(Account officer, Referral referral) {
        return decide(officer, referral, DecisionOutcome.INFORMATION_REQUESTED, "Quel est l’horaire de l’entretien ?");
    }

    /** The officer finds the family eligible (every rule must hold). */
    public Referral declareEligible(Account officer, Referral referral) {
        return decide(officer, referral, DecisionOutcome.ELIGIBLE, null);
    }

    /** The officer finds the family not eligible, for that reason. */
    public Referral declareIneligible(Account officer, Referral referral, IneligibilityReason reason) {
        return decide(officer, referral, DecisionOutcome.INELIGIBLE, "Voir le motif.", reason);
    }

    private Referral decide(Account officer, Referral referral, DecisionOutcome outcome, String comment) {
        return decide(officer, referral, outcome, comment, null);
    }

    private Referral decide(Account officer, Referral referral, DecisionOutcome outcome, String comment,
            IneligibilityReason reason) {
        DecisionForm form = new DecisionForm();
        form.setVersion(referral.getVersion());
        form.setOutcome(outcome);
        form.setComment(comment);
        form.setReason(reason);
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "form");
        if (!reviews.decide(principal(officer), referral.getId(), form, errors)) {
            throw new IllegalStateException("The decision was refused: " + errors);
        }
        return reload(referral);
    }

    /** The referral as stored now (without its children and timeline). */
    public Referral reload(Referral referral) {
        return reload(referral.getId());
    }

    public Referral reload(long id) {
        return repository.findById(id).orElseThrow();
    }

    /** How many referrals the advisor's organisation has filed. */
    public long countFiledBy(Account advisor) {
        return jdbc.sql("select count(*) from referral where organisation_id = ?")
                .param(advisor.user().getOrganisation().getId()).query(Long.class).single();
    }

    /** A family and its need, as an advisor would type them; change what a test is about. */
    public static final class Family {

        private String parentLastName;
        private String parentFirstName = "Léa";
        private String franceTravailId;
        private boolean jobSeekerAttested = true;
        private String phone = "+33612345678";
        private String communeCode = EVRY;
        private String departementCode = ESSONNE;
        private List<ReferralDetails.Child> children;
        private Purpose purpose = Purpose.JOB_INTERVIEW;
        private Registration registration = Registration.FRANCE_TRAVAIL_JOB_SEEKER;
        private CareNeed need = CareNeed.OCCASIONAL;
        private LocalDate firstDay;
        private LocalDate lastDay;
        private boolean consentGiven = true;
        private boolean regularSchedule = true;

        Family(LocalDate today) {
            String unique = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
            this.parentLastName = "Martin-" + unique;
            this.franceTravailId = String.format("%07dA", ThreadLocalRandom.current().nextInt(10_000_000));
            this.children = new ArrayList<>(List.of(new ReferralDetails.Child("Noah", today.minusYears(4))));
            this.firstDay = today.plusDays(7);
            this.lastDay = firstDay;
        }

        public Family parent(String lastName, String firstName) {
            this.parentLastName = lastName;
            this.parentFirstName = firstName;
            return this;
        }

        public Family franceTravailId(String franceTravailId) {
            this.franceTravailId = franceTravailId;
            return this;
        }

        /** A commune of that département, by INSEE code. */
        public Family livingIn(String communeCode, String departementCode) {
            this.communeCode = communeCode;
            this.departementCode = departementCode;
            return this;
        }

        public Family child(String firstName, LocalDate birthDate) {
            this.children = new ArrayList<>(List.of(new ReferralDetails.Child(firstName, birthDate)));
            return this;
        }

        public Family purpose(Purpose purpose) {
            this.purpose = purpose;
            return this;
        }

        /** How the parent is registered with France Travail (an RSA recipient, say). */
        public Family registration(Registration registration) {
            this.registration = registration;
            return this;
        }

        public Family need(CareNeed need) {
            this.need = need;
            return this;
        }

        /** One day of care. */
        public Family on(LocalDate day) {
            this.firstDay = day;
            this.lastDay = day;
            return this;
        }

        /** The advisor did not attest the parent's registration as a job seeker. */
        public Family notAttested() {
            this.jobSeekerAttested = false;
            return this;
        }

        public Family withoutConsent() {
            this.consentGiven = false;
            return this;
        }

        public String parentLastName() {
            return parentLastName;
        }

        public String franceTravailId() {
            return franceTravailId;
        }

        /** Regular care without its days and hours: a draft that cannot be sent yet. */
        public Family withoutRegularSchedule() {
            this.regularSchedule = false;
            return this;
        }

        ReferralDetails details() {
            // Regular care on weekdays from 8:00 to 17:00, unless a test is about a missing schedule.
            boolean schedule = need == CareNeed.REGULAR && regularSchedule;
            return new ReferralDetails(parentLastName, parentFirstName, franceTravailId, jobSeekerAttested, null,
                    phone, null, communeCode, departementCode, null, null, null, children, purpose,
                    firstDay.minusDays(1), null, null, need, firstDay, null, lastDay,
                    schedule ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY) : EnumSet.noneOf(DayOfWeek.class),
                    schedule ? LocalTime.of(8, 0) : null, schedule ? LocalTime.of(17, 0) : null, consentGiven)
                    .withRegistration(registration);
        }
    }
}
