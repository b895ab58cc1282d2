package fr.passerelle.privacy.web;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.privacy.ConsentWithdrawal;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The advisor records that the parent withdrew consent (the form at the foot of the referral's page). */
@Controller
class ConsentWithdrawalController {

    private final ConsentWithdrawal consent;

    ConsentWithdrawalController(ConsentWithdrawal consent) {
        this.consent = consent;
    }

    /** Without the confirmation box ticked, nothing happens and the page says why next to the box. */
    @PostMapping("/advisor/referrals/{id}/consent-withdrawal")
    String withdraw(@AuthenticationPrincipal CurrentUser advisor, @PathVariable long id, @RequestParam long version,
            @RequestParam(defaultValue = "false") boolean confirmed, RedirectAttributes redirect) {
        String page = "redirect:/advisor/referrals/" + id;
        if (!confirmed) {
            redirect.addFlashAttribute("consentError", "privacy.consent.confirm.required");
            return page + "#consent-withdrawal";
        }
        try {
            consent.record(advisor, id, version);
            redirect.addFlashAttribute("flash", "privacy.consent.flash.withdrawn");
        }
        catch (StaleDataException | ConcurrencyFailureException ex) {
            redirect.addFlashAttribute("error", "referral.stale.action");
        }
        catch (RejectedChangeException ex) {
            redirect.addFlashAttribute("error", ex.getMessageCode());
        }
        return page;
    }
}
