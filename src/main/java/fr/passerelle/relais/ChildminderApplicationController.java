package fr.passerelle.relais;

import java.time.DayOfWeek;

import jakarta.validation.Valid;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.system.StaleDataException;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A childminder's AVIP label application, from her account: she applies (voluntarily), follows where it stands,
 * and may withdraw it before the decision. Other providers (services, crèches) have no such page: not found.
 */
@Controller
@RequestMapping("/provider/label-application")
class ChildminderApplicationController {

    private static final String VIEW = "relais/apply";

    private final LabelApplications applications;
    private final ApplicationViews views;

    ChildminderApplicationController(LabelApplications applications, ApplicationViews views) {
        this.applications = applications;
        this.views = views;
    }

    @InitBinder
    void trimStrings(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @ModelAttribute("weekDays")
    DayOfWeek[] weekDays() {
        return DayOfWeek.values();
    }

    @GetMapping
    String show(@AuthenticationPrincipal CurrentUser provider, Model model) {
        model.addAttribute("applicationForm", new LabelApplicationForm());
        return page(provider, model);
    }

    @PostMapping
    String apply(@AuthenticationPrincipal CurrentUser provider,
            @Valid @ModelAttribute("applicationForm") LabelApplicationForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        applications.childminderOf(provider);
        if (Steps.attempt(result, () -> applications.apply(provider, form.request()))) {
            redirect.addFlashAttribute("flash", "labelApplication.flash.submitted");
            return "redirect:/provider/label-application";
        }
        return page(provider, model);
    }

    @PostMapping("/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal CurrentUser provider, @PathVariable long id,
            @RequestParam long version, RedirectAttributes redirect) {
        try {
            applications.withdraw(provider, id, version);
            redirect.addFlashAttribute("flash", "labelApplication.flash.withdrawn");
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException
                | IllegalApplicationTransitionException ex) {
            redirect.addFlashAttribute("error", "labelApplication.stale");
        }
        return "redirect:/provider/label-application";
    }

    private String page(CurrentUser provider, Model model) {
        long childminderId = applications.childminderOf(provider);
        var latest = applications.latest(childminderId).orElse(null);
        model.addAttribute("latest", latest);
        model.addAttribute("summary", latest == null ? null : views.one(latest.getId()));
        model.addAttribute("history", views.ofChildminder(childminderId));
        model.addAttribute("canApply", latest == null || !latest.getStatus().isOpen());
        return VIEW;
    }
}
