package fr.passerelle.eligibility;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.Registration;

/** Facts and parameters for the eligibility tests: by default an eligible referral decided on {@link #TODAY}. */
final class EligibilityExamples {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 6, 15);
    static final String TERRITORY = "91";

    private EligibilityExamples() {
    }

    /** The Essonne experiment: children under 10, the three purposes, département 91. */
    static EligibilityParameters parameters() {
        return new EligibilityParameters(10, EnumSet.allOf(Purpose.class), TERRITORY, TODAY);
    }

    static Facts eligibleFacts() {
        return new Facts();
    }

    /** Builds {@link EligibilityFacts}, changing only what a test is about. */
    static final class Facts {

        private LocalDate firstDayOfCare = FIRST_DAY;
        private List<LocalDate> childBirthDates = List.of(LocalDate.of(2021, 3, 10), LocalDate.of(2024, 11, 2));
        private String franceTravailId = "1234567A";
        private boolean jobSeekerAttested = true;
        private Purpose purpose = Purpose.JOB_INTERVIEW;
        private String familyDepartementCode = TERRITORY;
        private Registration registration = Registration.FRANCE_TRAVAIL_JOB_SEEKER;
        private LocalDate sentOn = TODAY;

        Facts firstDayOfCare(LocalDate firstDayOfCare) {
            this.firstDayOfCare = firstDayOfCare;
            return this;
        }

        /** In the order of the referral; a null element is a child whose birth date is unknown. */
        Facts childrenBornOn(LocalDate... birthDates) {
            this.childBirthDates = birthDates == null ? null : Arrays.asList(birthDates);
            return this;
        }

        Facts franceTravailId(String franceTravailId) {
            this.franceTravailId = franceTravailId;
            return this;
        }

        Facts jobSeekerAttested(boolean jobSeekerAttested) {
            this.jobSeekerAttested = jobSeekerAttested;
            return this;
        }

        Facts purpose(Purpose purpose) {
            this.purpose = purpose;
            return this;
        }

        Facts familyDepartementCode(String familyDepartementCode) {
            this.familyDepartementCode = familyDepartementCode;
            return this;
        }

        /** How the parent is registered with France Travail, and the day the referral was sent. */
        Facts registered(Registration registration, LocalDate sentOn) {
            this.registration = registration;
            this.sentOn = sentOn;
            return this;
        }

        EligibilityFacts build() {
            return new EligibilityFacts(firstDayOfCare, childBirthDates, franceTravailId, jobSeekerAttested, purpose,
                    familyDepartementCode, registration, sentOn);
        }
    }
}
