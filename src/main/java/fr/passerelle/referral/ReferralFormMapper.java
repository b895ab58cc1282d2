package fr.passerelle.referral;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import fr.passerelle.system.DatePolicy;
import fr.passerelle.system.EmailAddresses;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;
import fr.passerelle.territory.CommuneResolution;

import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * Turns the typed form into {@link ReferralDetails} (resolving communes, normalising the phone number) and checks
 * what involves several fields. Each problem becomes an error on its field, in the form's binding result.
 */
@Component
class ReferralFormMapper {

    private final CommuneDirectory communes;
    private final Clock clock;
    private final DatePolicy dates;

    ReferralFormMapper(CommuneDirectory communes, Clock clock, DatePolicy dates) {
        this.communes = communes;
        this.clock = clock;
        this.dates = dates;
    }

    /**
     * @param complete whether the referral is being sent, so that everything the Caf needs is required
     * @return the details, or {@code null} when {@code errors} has errors (those of Bean Validation included)
     */
    ReferralDetails toDetails(ReferralForm form, BindingResult errors, boolean complete) {
        String phone = null;
        if (hasText(form.getPhone())) {
            phone = PhoneNumbers.normalise(form.getPhone()).orElse(null);
            if (phone == null) {
                errors.rejectValue("phone", "referral.phone.format");
            }
        }
        Commune home = resolve(form.getCommuneQuery(), "communeQuery", errors);
        Commune purposeCommune = resolve(form.getPurposeCommuneQuery(), "purposeCommuneQuery", errors);
        checkDates(form, errors, complete);
        if (errors.hasErrors()) {
            return null;
        }
        List<ReferralDetails.Child> children = form.getChildren().stream()
                .map(child -> new ReferralDetails.Child(child.getFirstName().trim(), child.getBirthDate()))
                .toList();
        boolean regular = form.getNeed() == CareNeed.REGULAR;
        LocalDate lastDay = form.getLastDay() == null && form.getNeed() == CareNeed.EMERGENCY_HOME_CARE
                ? form.getFirstDay() : form.getLastDay();
        return new ReferralDetails(trim(form.getParentLastName()), trim(form.getParentFirstName()),
                emptyToNull(form.getFranceTravailId()), form.isJobSeekerAttested(), emptyToNull(form.getCafNumber()),
                phone, EmailAddresses.normalise(form.getEmail()),
                home == null ? null : home.inseeCode(), home == null ? null : home.departementCode(),
                form.getSingleParent(), form.getRsaRecipient(), form.getQpvResident(), children,
                form.getPurpose(), form.getPurposeDate(), emptyToNull(trim(form.getPurposeOrganisation())),
                purposeCommune == null ? null : purposeCommune.inseeCode(),
                form.getNeed(), form.getFirstDay(), form.getFirstDayStartTime(), lastDay,
                regular ? form.getRegularDays() : java.util.EnumSet.noneOf(java.time.DayOfWeek.class),
                regular ? form.getRegularStartTime() : null, regular ? form.getRegularEndTime() : null,
                form.isConsentGiven(), form.getRegistration());
    }

    /** The form showing a saved referral, for editing. */
    ReferralForm toForm(Referral referral) {
        ReferralForm form = new ReferralForm();
        form.setVersion(referral.getVersion());
        form.setParentLastName(referral.getParentLastName());
        form.setParentFirstName(referral.getParentFirstName());
        form.setFranceTravailId(referral.getFranceTravailId());
        form.setJobSeekerAttested(referral.isJobSeekerAttested());
        form.setRegistration(referral.getRegistration());
        form.setCafNumber(referral.getCafNumber());
        form.setPhone(PhoneNumbers.display(referral.getPhone()));
        form.setEmail(referral.getEmail());
        form.setCommuneQuery(label(referral.getCommuneCode()));
        form.setSingleParent(referral.getSingleParent());
        form.setRsaRecipient(referral.getRsaRecipient());
        form.setQpvResident(referral.getQpvResident());
        form.setChildren(referral.getChildren().stream()
                .map(child -> new ReferralForm.ChildForm(child.getFirstName(), child.getBirthDate()))
                .toList());
        form.ensureOneChildRow();
        form.setPurpose(referral.getPurpose());
        form.setPurposeDate(referral.getPurposeDate());
        form.setPurposeOrganisation(referral.getPurposeOrganisation());
        form.setPurposeCommuneQuery(label(referral.getPurposeCommuneCode()));
        form.setNeed(referral.getNeed());
        form.setFirstDay(referral.getFirstDay());
        form.setFirstDayStartTime(referral.getFirstDayStartTime());
        form.setLastDay(referral.getLastDay());
        form.setRegularDays(referral.getRegularDays());
        form.setRegularStartTime(referral.getRegularStartTime());
        form.setRegularEndTime(referral.getRegularEndTime());
        form.setConsentGiven(referral.getConsentGivenOn() != null);
        return form;
    }

    private void checkDates(ReferralForm form, BindingResult errors, boolean complete) {
        LocalDate today = LocalDate.now(clock);
        List<ReferralForm.ChildForm> children = form.getChildren();
        for (int i = 0; i < children.size(); i++) {
            reject(errors, "children[" + i + "].birthDate", dates.checkBirthDate(children.get(i).getBirthDate(), today));
        }
        reject(errors, "firstDay", dates.checkCareDay(form.getFirstDay(), today));
        reject(errors, "lastDay", dates.checkCareDay(form.getLastDay(), today));
        reject(errors, "purposeDate", dates.checkPurposeDate(form.getPurposeDate(), today));
        if (form.getFirstDay() != null && form.getLastDay() != null && form.getLastDay().isBefore(form.getFirstDay())) {
            if (!errors.hasFieldErrors("lastDay")) {
                errors.rejectValue("lastDay", "referral.lastDay.beforeFirstDay");
            }
        }
        if (form.getNeed() != CareNeed.REGULAR) {
            return;
        }
        if (form.getRegularStartTime() != null && form.getRegularEndTime() != null
                && !form.getRegularEndTime().isAfter(form.getRegularStartTime())) {
            errors.rejectValue("regularEndTime", "referral.regularEndTime.beforeStart");
        }
        // Field by field what Referral.hasRegularSchedule says at once, so that each error sits next to its field.
        if (complete && !Referral.hasRegularSchedule(form.getRegularDays(), form.getRegularStartTime(),
                form.getRegularEndTime(), form.getLastDay())) {
            if (form.getRegularDays().isEmpty()) {
                errors.rejectValue("regularDays", "referral.regularDays.required");
            }
            if (form.getRegularStartTime() == null && !errors.hasFieldErrors("regularStartTime")) {
                errors.rejectValue("regularStartTime", "referral.regularHours.required");
            }
            if (form.getRegularEndTime() == null && !errors.hasFieldErrors("regularEndTime")) {
                errors.rejectValue("regularEndTime", "referral.regularHours.required");
            }
            if (form.getLastDay() == null && !errors.hasFieldErrors("lastDay")) {
                errors.rejectValue("lastDay", "referral.lastDay.requiredForRegular");
            }
        }
    }

    /** The date's refusal next to its field, unless the field already has an error (its format, say). */
    private static void reject(BindingResult errors, String field, Optional<DatePolicy.Refusal> refusal) {
        if (refusal.isPresent() && !errors.hasFieldErrors(field)) {
            errors.rejectValue(field, refusal.get().code(), refusal.get().arguments(), null);
        }
    }

    private Commune resolve(String typed, String field, BindingResult errors) {
        if (!hasText(typed) || errors.hasFieldErrors(field)) {
            return null;
        }
        CommuneResolution resolution = communes.resolve(typed);
        if (resolution instanceof CommuneResolution.Found found) {
            return found.commune();
        }
        errors.rejectValue(field, resolution instanceof CommuneResolution.Ambiguous
                ? "referral.commune.ambiguous" : "referral.commune.unknown");
        return null;
    }

    private String label(String inseeCode) {
        return inseeCode == null ? null : communes.findByInseeCode(inseeCode).map(Commune::label).orElse(inseeCode);
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }

    private static String trim(String text) {
        return text == null ? null : text.trim();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
