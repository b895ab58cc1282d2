package fr.passerelle.provider.availability;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;

import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The childminder's availability page: her absences (add, withdraw) and her AVIP places free. */
@Controller
@RequestMapping("/provider/availability")
class AvailabilityController {

    private static final String VIEW = "provider/availability";

    private final Availability availability;

    AvailabilityController(Availability availability) {
        this.availability = availability;
    }

    @ModelAttribute("reasons")
    AbsenceReason[] reasons() {
        return AbsenceReason.values();
    }

    @GetMapping
    String show(@AuthenticationPrincipal CurrentUser user, Model model) {
        return page(user, model, new AbsenceForm(), null);
    }

    @PostMapping("/absences")
    String declare(@AuthenticationPrincipal CurrentUser user, @Valid @ModelAttribute("absenceForm") AbsenceForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                availability.declareAbsence(user, form);
                redirect.addFlashAttribute("flash", "availability.flash.absence");
                return "redirect:/provider/availability";
            }
            catch (RejectedChangeException ex) {
                result.rejectValue(ex.getField(), ex.getMessageCode(), ex.getArguments(), null);
            }
        }
        return page(user, model, form, null);
    }

    @PostMapping("/absences/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        availability.withdrawAbsence(user, id);
        redirect.addFlashAttribute("flash", "availability.flash.withdrawn");
        return "redirect:/provider/availability";
    }

    @PostMapping("/places")
    String places(@AuthenticationPrincipal CurrentUser user,
            @Valid @ModelAttribute("placesForm") FreePlacesForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                availability.declareFreePlaces(user, form.getFreePlaces(), form.getVersion());
                redirect.addFlashAttribute("flash", "availability.flash.places");
                return "redirect:/provider/availability";
            }
            catch (RejectedChangeException ex) {
                result.rejectValue(ex.getField(), ex.getMessageCode(), ex.getArguments(), null);
            }
            catch (StaleDataException ex) {
                result.rejectValue("freePlaces", "availability.freePlaces.stale");
            }
        }
        return page(user, model, new AbsenceForm(), form);
    }

    private String page(CurrentUser user, Model model, AbsenceForm absenceForm, FreePlacesForm placesForm) {
        Availability.Overview overview = availability.overview(user);
        if (placesForm == null) {
            placesForm = new FreePlacesForm();
            placesForm.setFreePlaces(overview.freePlaces());
            placesForm.setVersion(overview.version());
        }
        model.addAttribute("overview", overview);
        model.addAttribute("absenceForm", absenceForm);
        model.addAttribute("placesForm", placesForm);
        return VIEW;
    }
}
