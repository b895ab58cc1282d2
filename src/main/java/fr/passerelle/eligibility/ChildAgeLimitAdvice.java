package fr.passerelle.eligibility;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives the advisor's referral pages the age limit of the scheme, so that the form flags a child who will have
 * reached it on the first day of care while the advisor fills it in (the officer still decides). It lives here, with
 * the threshold, because the referral package must not depend on eligibility, which depends on it.
 */
@ControllerAdvice(basePackages = "fr.passerelle.referral")
class ChildAgeLimitAdvice {

    private final EligibilityProperties properties;

    ChildAgeLimitAdvice(EligibilityProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("childAgeLimitYears")
    int childAgeLimitYears() {
        return properties.childAgeLimitYears();
    }
}
