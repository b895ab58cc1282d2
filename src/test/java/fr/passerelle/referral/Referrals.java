package fr.passerelle.referral;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.organisation.UserAccount;

/**
 * Object mother for referrals. By default a complete, eligible family of Évry (Essonne): one child of 4, a job
 * interview, occasional care two weeks ahead, consent given. Unit tests use the fixed {@link #TODAY} and {@link #NOW};
 * integration tests pass the application's today and ask for {@linkplain Details#ofAnotherFamily() another family},
 * since they share one database.
 */
public final class Referrals {

    public static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    public static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    public static final String QUESTION = "Quelle est la date de l'entretien ?";
    public static final String ANSWER = "L'entretien a lieu le 15 juin à 10 h.";
    public static final String WITHDRAWAL_REASON = "La famille a trouvé une solution de garde.";
    public static final String INELIGIBILITY_COMMENT = "L'enfant a plus de 10 ans le premier jour.";

    private Referrals() {
    }

    /** Complete details, care starting two weeks after {@link #TODAY}. */
    public static Details details() {
        return detailsAsOf(TODAY);
    }

    /** Complete details, care starting two weeks after {@code today}, for tests on the application's clock. */
    public static Details detailsAsOf(LocalDate today) {
        return new Details(today);
    }

    public static ReferralDetails.Child child(String firstName, LocalDate birthDate) {
        return new ReferralDetails.Child(firstName, birthDate);
    }

    /** An advisor of a France Travail agency, not saved: for unit tests. */
    public static UserAccount advisor() {
        Organisation agency = new Organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, "France Travail Évry", "91",
                "91228");
        return new UserAccount("camille.conseil", "{noop}unused", "Camille Conseil", Role.ADVISOR, agency);
    }

    /** An officer of the Caf de l'Essonne, not saved: for unit tests. */
    public static UserAccount officer() {
        Organisation caf = new Organisation(OrganisationKind.CAF, "Caf de l'Essonne", "91", "91228");
        return new UserAccount("dominique.caf", "{noop}unused", "Dominique Caf", Role.CAF_OFFICER, caf);
    }

    /** Someone answering offers for a home-care service, not saved: for unit tests. */
    public static UserAccount provider() {
        Organisation service = new Organisation(OrganisationKind.HOME_CARE_SERVICE, "Aide à domicile Évry", "91",
                "91228");
        return new UserAccount("alex.domicile", "{noop}unused", "Alex Domicile", Role.PROVIDER, service);
    }

    /** A draft with the default details, created at {@link #NOW}. */
    public static Referral draft(UserAccount advisor) {
        return draft(advisor, details().build());
    }

    public static Referral draft(UserAccount advisor, ReferralDetails details) {
        return Referral.draft(advisor, UUID.randomUUID(), details, NOW, TODAY);
    }

    /**
     * A referral brought to {@code status} through the intention methods, as the application would, one minute per
     * step after {@link #NOW}.
     */
    public static Referral inStatus(ReferralStatus status, UserAccount advisor, UserAccount officer) {
        Referral referral = draft(advisor);
        Instant step = NOW.plus(1, ChronoUnit.MINUTES);
        Instant eligible = step.plus(1, ChronoUnit.MINUTES);
        Instant offered = eligible.plus(1, ChronoUnit.MINUTES);
        Instant arranged = offered.plus(1, ChronoUnit.MINUTES);
        if (status.ordinal() > ReferralStatus.WITHDRAWN.ordinal()) {
            referral.submit(advisor, step);
            referral.declareEligible(officer, null, eligible);
            switch (status) {
                case OFFERED -> referral.offerSent(officer, null, offered);
                case CARE_ARRANGED -> {
                    referral.offerSent(officer, null, offered);
                    referral.careArranged(provider(), arranged);
                }
                case CLOSED -> {
                    referral.offerSent(officer, null, offered);
                    referral.careArranged(provider(), arranged);
                    referral.close(advisor, Outcome.JOB_STARTED, null, arranged.plus(1, ChronoUnit.MINUTES));
                }
                case NO_SOLUTION -> referral.recordNoSolution(officer, NoSolutionReason.NO_CAPACITY, null, offered);
                default -> throw new IllegalArgumentException(status.name());
            }
            return referral;
        }
        switch (status) {
            case DRAFT -> {
            }
            case SUBMITTED -> referral.submit(advisor, step);
            case INFORMATION_REQUESTED -> {
                referral.submit(advisor, step);
                referral.requestInformation(officer, QUESTION, step.plus(1, ChronoUnit.MINUTES));
            }
            case ELIGIBLE -> {
                referral.submit(advisor, step);
                referral.declareEligible(officer, null, step.plus(1, ChronoUnit.MINUTES));
            }
            case INELIGIBLE -> {
                referral.submit(advisor, step);
                referral.declareIneligible(officer, INELIGIBILITY_COMMENT, step.plus(1, ChronoUnit.MINUTES));
            }
            case WITHDRAWN -> referral.withdraw(advisor, WITHDRAWAL_REASON, step);
            default -> throw new IllegalArgumentException(status.name());
        }
        return referral;
    }

    /** Builds {@link ReferralDetails}, changing only what a test is about. */
    public static final class Details {

        private String parentLastName = "Martin";
        private String parentFirstName = "Sophie";
        private String franceTravailId = "1234567A";
        private boolean jobSeekerAttested = true;
        private String cafNumber = "0123456";
        private String phone = "+33612345678";
        private String email = "sophie.martin@example.org";
        private String communeCode = "91228";
        private String departementCode = "91";
        private Boolean singleParent = Boolean.TRUE;
        private Boolean rsaRecipient = Boolean.FALSE;
        private Boolean qpvResident = Boolean.FALSE;
        private List<ReferralDetails.Child> children;
        private Purpose purpose = Purpose.JOB_INTERVIEW;
        private LocalDate purposeDate;
        private String purposeOrganisation = "Boulangerie du Centre";
        private String purposeCommuneCode = "91228";
        private CareNeed need = CareNeed.OCCASIONAL;
        private LocalDate firstDay;
        private LocalTime firstDayStartTime = LocalTime.of(9, 0);
        private LocalDate lastDay;
        private Set<DayOfWeek> regularDays = EnumSet.noneOf(DayOfWeek.class);
        private LocalTime regularStartTime;
        private LocalTime regularEndTime;
        private boolean consentGiven = true;

        private Details(LocalDate today) {
            this.firstDay = today.plusWeeks(2);
            this.lastDay = firstDay;
            this.purposeDate = firstDay;
            this.children = List.of(child("Léa", today.minusYears(4)));
        }

        /**
         * A family no other test uses: its own France Travail identifier, parent name and child's first name, so
         * that duplicate detection and searches in the shared database only ever find this test's referrals.
         */
        public Details ofAnotherFamily() {
            String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            this.franceTravailId = String.valueOf(ThreadLocalRandom.current().nextLong(10_000_000_000L,
                    100_000_000_000L));
            this.parentLastName = "Martin-" + unique;
            this.children = children.stream()
                    .map(child -> child(child.firstName() + "-" + unique, child.birthDate()))
                    .toList();
            return this;
        }

        public Details parent(String lastName, String firstName) {
            this.parentLastName = lastName;
            this.parentFirstName = firstName;
            return this;
        }

        public Details franceTravailId(String franceTravailId) {
            this.franceTravailId = franceTravailId;
            return this;
        }

        public Details jobSeekerAttested(boolean jobSeekerAttested) {
            this.jobSeekerAttested = jobSeekerAttested;
            return this;
        }

        public Details phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Details commune(String communeCode, String departementCode) {
            this.communeCode = communeCode;
            this.departementCode = departementCode;
            return this;
        }

        public Details children(ReferralDetails.Child... children) {
            this.children = Arrays.asList(children);
            return this;
        }

        public Details purpose(Purpose purpose) {
            this.purpose = purpose;
            return this;
        }

        public Details need(CareNeed need) {
            this.need = need;
            return this;
        }

        /** The days of care; {@code lastDay} may be null for a single day. */
        public Details dates(LocalDate firstDay, LocalDate lastDay) {
            this.firstDay = firstDay;
            this.lastDay = lastDay;
            return this;
        }

        /** The days and hours of regular care. */
        public Details regularSchedule(Set<DayOfWeek> days, LocalTime startTime, LocalTime endTime) {
            this.regularDays = days;
            this.regularStartTime = startTime;
            this.regularEndTime = endTime;
            return this;
        }

        public Details withoutConsent() {
            this.consentGiven = false;
            return this;
        }

        public ReferralDetails build() {
            return new ReferralDetails(parentLastName, parentFirstName, franceTravailId, jobSeekerAttested, cafNumber,
                    phone, email, communeCode, departementCode, singleParent, rsaRecipient, qpvResident, children,
                    purpose, purposeDate, purposeOrganisation, purposeCommuneCode, need, firstDay, firstDayStartTime,
                    lastDay, regularDays, regularStartTime, regularEndTime, consentGiven);
        }
    }
}
