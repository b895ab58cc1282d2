package fr.passerelle.referral;

import fr.passerelle.organisation.CurrentUser;

import org.springframework.ui.Model;

/**
 * A part of the advisor's referral page that another module fills in (routing: the offers made). The referral module
 * knows none of them: they implement this interface, as Spring beans, and the page asks each for its model
 * attributes. So the dependency runs one way, from the contributing module to {@code referral}.
 */
public interface AdvisorReferralPageSection {

    /**
     * Adds this section's attributes to the page's model.
     *
     * @param advisor the advisor viewing the page, whose organisation owns the referral (already checked)
     * @param referral the referral shown
     * @param model the page's model
     */
    void addTo(CurrentUser advisor, Referral referral, Model model);
}
