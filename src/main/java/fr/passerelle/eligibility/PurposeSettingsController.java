package fr.passerelle.eligibility;

import java.util.EnumSet;
import java.util.Set;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.Purpose;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Caf administrators' purposes: for each purpose, whether advisors may choose it for the families of the Caf's
 * département and whether the eligibility rule accepts it. A change applies to the referrals sent from then on; a bad
 * choice comes back next to its column, nothing saved.
 */
@Controller
@RequestMapping("/admin/purposes")
class PurposeSettingsController {

    private static final String VIEW = "eligibility/admin-purposes";

    private final PurposeSettings settings;

    PurposeSettingsController(PurposeSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    String show(@AuthenticationPrincipal CurrentUser admin, Model model) {
        PurposeSetting current = settings.current(admin);
        PurposeSettingsForm form = new PurposeSettingsForm();
        form.setOffered(EnumSet.copyOf(current.offered()));
        form.setEligible(current.eligible().isEmpty() ? EnumSet.noneOf(Purpose.class)
                : EnumSet.copyOf(current.eligible()));
        form.setVersion(current.version());
        model.addAttribute("form", form);
        return page(admin, current, model);
    }

    @PostMapping
    String choose(@AuthenticationPrincipal CurrentUser admin, @ModelAttribute("form") PurposeSettingsForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        PurposeSetting current = settings.current(admin);
        if (result.hasFieldErrors("offered") || result.hasFieldErrors("eligible")) {
            // Only a forged post names a purpose that does not exist: the page shows the settings as they stand.
            form.setOffered(EnumSet.copyOf(current.offered()));
            form.setEligible(current.eligible().isEmpty() ? EnumSet.noneOf(Purpose.class)
                    : EnumSet.copyOf(current.eligible()));
            return page(admin, current, model);
        }
        if (empty(form.getOffered())) {
            result.rejectValue("offered", "eligibility.purposes.offered.required");
            return page(admin, current, model);
        }
        try {
            settings.choose(admin, form.getOffered(), form.getEligible(), form.getVersion());
            redirect.addFlashAttribute("flash", "eligibility.purposes.saved");
        }
        catch (OptimisticLockingFailureException ex) {
            redirect.addFlashAttribute("error", "eligibility.purposes.concurrent");
        }
        return "redirect:/admin/purposes";
    }

    private String page(CurrentUser admin, PurposeSetting current, Model model) {
        model.addAttribute("allPurposes", Purpose.values());
        model.addAttribute("current", current);
        model.addAttribute("history", settings.history(admin));
        model.addAttribute("departement", admin.getDepartementCode());
        return VIEW;
    }

    private static boolean empty(Set<Purpose> purposes) {
        return purposes == null || purposes.isEmpty();
    }
}
