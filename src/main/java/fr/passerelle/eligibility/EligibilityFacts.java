package fr.passerelle.eligibility;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.Registration;

/**
 * What the rules look at, taken from a referral at decision time. Any field may be null/empty when unknown.
 *
 * @param firstDayOfCare         the first day the child(ren) must be looked after
 * @param childBirthDates        one per child, in the order of the referral (the rules name children by position);
 *                               an element is null when that child's birth date is unknown; null is read as empty
 * @param franceTravailId        as typed by the advisor, spaces and case included
 * @param jobSeekerAttested      the advisor attests the parent is registered as a job seeker
 * @param purpose                why the care is needed
 * @param familyDepartementCode  the département the family lives in ("91", "2A", "971")
 * @param registration           how the parent is registered with France Travail; null is read as a job seeker
 * @param sentOn                 the day the referral was sent to the Caf; null when not sent
 */
public record EligibilityFacts(LocalDate firstDayOfCare, List<LocalDate> childBirthDates, String franceTravailId,
        boolean jobSeekerAttested, Purpose purpose, String familyDepartementCode, Registration registration,
        LocalDate sentOn) {

    public EligibilityFacts {
        // Not List.copyOf: an unknown birth date is a null element, and it must keep its position.
        childBirthDates = childBirthDates == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(childBirthDates));
        registration = registration == null ? Registration.FRANCE_TRAVAIL_JOB_SEEKER : registration;
    }

    /** The facts of a parent registered as a job seeker, whatever the day the referral was sent. */
    public EligibilityFacts(LocalDate firstDayOfCare, List<LocalDate> childBirthDates, String franceTravailId,
            boolean jobSeekerAttested, Purpose purpose, String familyDepartementCode) {
        this(firstDayOfCare, childBirthDates, franceTravailId, jobSeekerAttested, purpose, familyDepartementCode,
                Registration.FRANCE_TRAVAIL_JOB_SEEKER, null);
    }
}
