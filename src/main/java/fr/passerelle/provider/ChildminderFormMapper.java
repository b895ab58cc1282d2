package fr.passerelle.provider;

import java.time.Clock;
import java.time.LocalDate;

import fr.passerelle.system.DatePolicy;
import fr.passerelle.system.EmailAddresses;
import fr.passerelle.territory.CommuneDirectory;
import fr.passerelle.territory.CommuneResolution;

import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/** Turns a bound {@link ChildminderForm} into {@link ChildminderDetails}, checking the rules between fields. */
@Component
class ChildminderFormMapper {

    private final CommuneDirectory communes;
    private final Clock clock;
    private final DatePolicy dates;

    ChildminderFormMapper(CommuneDirectory communes, Clock clock, DatePolicy dates) {
        this.communes = communes;
        this.clock = clock;
        this.dates = dates;
    }

    /**
     * The details, or {@code null} with the errors added to {@code errors}.
     *
     * @param previousEndDate the saved agreement end date when editing, {@code null} when creating: a lapsed
     *                        agreement may stay as it is, but no one enters a new one that has already ended
     */
    ChildminderDetails toDetails(ChildminderForm form, Errors errors, LocalDate previousEndDate) {
        if (form.getChildrenAllowed() != null && form.getAvipPlaces() != null
                && form.getAvipPlaces() > form.getChildrenAllowed() && !errors.hasFieldErrors("avipPlaces")) {
            errors.rejectValue("avipPlaces", "childminder.avipPlaces.overAgreement");
        }
        if (form.getMinAgeMonths() != null && form.getMaxAgeMonths() != null
                && form.getMaxAgeMonths() < form.getMinAgeMonths() && !errors.hasFieldErrors("maxAgeMonths")) {
            errors.rejectValue("maxAgeMonths", "childminder.maxAgeMonths.belowMin");
        }
        LocalDate end = form.getAgreementEndDate();
        if (end != null && end.isBefore(LocalDate.now(clock)) && !end.equals(previousEndDate)) {
            errors.rejectValue("agreementEndDate", "childminder.agreementEndDate.past");
        }
        if (!errors.hasFieldErrors("agreementEndDate")) {
            dates.checkAgreementEnd(end, LocalDate.now(clock)).ifPresent(refusal ->
                    errors.rejectValue("agreementEndDate", refusal.code(), refusal.arguments(), null));
        }
        String communeCode = null;
        if (form.getCommuneQuery() != null && !errors.hasFieldErrors("communeQuery")) {
            CommuneResolution resolution = communes.resolve(form.getCommuneQuery());
            if (resolution instanceof CommuneResolution.Found found) {
                communeCode = found.commune().inseeCode();
                form.setCommuneQuery(found.commune().label());
            }
            else {
                errors.rejectValue("communeQuery", resolution instanceof CommuneResolution.Ambiguous
                        ? "childminder.commune.ambiguous" : "childminder.commune.unknown");
            }
        }
        if (errors.hasErrors()) {
            return null;
        }
        return new ChildminderDetails(form.getFirstName(), form.getLastName(),
                ChildminderForm.normaliseAgreementNumber(form.getAgreementNumber()), end, form.getChildrenAllowed(),
                form.getAvipPlaces(), communeCode, form.getMinAgeMonths(), form.getMaxAgeMonths(), form.getPhone(),
                EmailAddresses.normalise(form.getEmail()), form.getAvailabilityNotes());
    }
}
