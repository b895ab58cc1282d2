package fr.passerelle.referral;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * What the advisor tells about the family and its need, already parsed and normalised (phone in +33 form,
 * France Travail identifier upper-cased, commune resolved to its INSEE code). Any part may be missing in a draft.
 */
public record ReferralDetails(
        String parentLastName,
        String parentFirstName,
        String franceTravailId,
        boolean jobSeekerAttested,
        String cafNumber,
        String phone,
        String email,
        String communeCode,
        String departementCode,
        Boolean singleParent,
        Boolean rsaRecipient,
        Boolean qpvResident,
        List<Child> children,
        Purpose purpose,
        LocalDate purposeDate,
        String purposeOrganisation,
        String purposeCommuneCode,
        CareNeed need,
        LocalDate firstDay,
        LocalTime firstDayStartTime,
        LocalDate lastDay,
        Set<DayOfWeek> regularDays,
        LocalTime regularStartTime,
        LocalTime regularEndTime,
        boolean consentGiven,
        Registration registration) {

    public ReferralDetails {
        // Referrals filed before the registration was asked were all for registered job seekers.
        registration = registration == null ? Registration.FRANCE_TRAVAIL_JOB_SEEKER : registration;
    }

    /** The details of a parent registered as a job seeker (the historical route). */
    public ReferralDetails(String parentLastName, String parentFirstName, String franceTravailId,
            boolean jobSeekerAttested, String cafNumber, String phone, String email, String communeCode,
            String departementCode, Boolean singleParent, Boolean rsaRecipient, Boolean qpvResident,
            List<Child> children, Purpose purpose, LocalDate purposeDate, String purposeOrganisation,
            String purposeCommuneCode, CareNeed need, LocalDate firstDay, LocalTime firstDayStartTime,
            LocalDate lastDay, Set<DayOfWeek> regularDays, LocalTime regularStartTime, LocalTime regularEndTime,
            boolean consentGiven) {
        this(parentLastName, parentFirstName, franceTravailId, jobSeekerAttested, cafNumber, phone, email,
                communeCode, departementCode, singleParent, rsaRecipient, qpvResident, children, purpose, purposeDate,
                purposeOrganisation, purposeCommuneCode, need, firstDay, firstDayStartTime, lastDay, regularDays,
                regularStartTime, regularEndTime, consentGiven, Registration.FRANCE_TRAVAIL_JOB_SEEKER);
    }

    /** The same details with another registration route. */
    public ReferralDetails withRegistration(Registration route) {
        return new ReferralDetails(parentLastName, parentFirstName, franceTravailId, jobSeekerAttested, cafNumber,
                phone, email, communeCode, departementCode, singleParent, rsaRecipient, qpvResident, children,
                purpose, purposeDate, purposeOrganisation, purposeCommuneCode, need, firstDay, firstDayStartTime,
                lastDay, regularDays, regularStartTime, regularEndTime, consentGiven, route);
    }

    /** A child to be looked after. */
    public record Child(String firstName, LocalDate birthDate) {
    }
}
