package fr.passerelle.routing.web;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.AdvisorReferralPageSection;
import fr.passerelle.referral.Referral;
import fr.passerelle.routing.offer.OfferViews;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The offers made for a referral, on the advisor's referral page, once it was sent to the Caf. */
@Component
class AdvisorOffersSection implements AdvisorReferralPageSection {

    private final OfferViews offerViews;

    AdvisorOffersSection(OfferViews offerViews) {
        this.offerViews = offerViews;
    }

    @Override
    public void addTo(CurrentUser advisor, Referral referral, Model model) {
        if (referral.getSubmittedAt() != null) {
            model.addAttribute("offers", offerViews.forReferral(advisor, referral.getId()));
        }
    }
}
