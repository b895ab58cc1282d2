package fr.passerelle.relais;

import java.time.LocalDate;

import jakarta.validation.Valid;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.provider.RegistryProperties;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Caf administrators' label applications: those of their département, each granted or refused. */
@Controller
@RequestMapping("/admin/label-applications")
class AdminApplicationController {

    private static final String APPLICATION_VIEW = "relais/application";

    private final LabelApplications applications;
    private final ApplicationViews views;
    private final RegistryProperties registry;

    AdminApplicationController(LabelApplications applications, ApplicationViews views, RegistryProperties registry) {
        this.applications = applications;
        this.views = views;
        this.registry = registry;
    }

    @InitBinder
    void trimStrings(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser admin, Model model) {
        model.addAttribute("applications", views.ofDepartement(admin));
        model.addAttribute("base", "/admin/label-applications/");
        return "relais/applications";
    }

    @GetMapping("/{id}")
    String show(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, Model model) {
        LabelApplication application = applications.forAdmin(admin, id);
        DecisionForm form = new DecisionForm();
        LocalDate[] proposed = applications.proposedDates(application, registry.labelValidity());
        form.setValidFrom(proposed[0]);
        form.setValidTo(proposed[1]);
        form.setVersion(application.getVersion());
        model.addAttribute("decisionForm", form);
        return page(application, model);
    }

    @PostMapping("/{id}/grant")
    String grant(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @Valid @ModelAttribute("decisionForm") DecisionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        return decide(admin, id, form, result, model, redirect, "grant", "labelApplication.flash.granted",
                () -> applications.grant(admin, id, form.getVersion(), form.getValidFrom(), form.getValidTo()));
    }

    @PostMapping("/{id}/refuse")
    String refuse(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @Valid @ModelAttribute("decisionForm") DecisionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (form.getReason() == null) {
            result.rejectValue("reason", "labelApplication.refuse.reason.required");
        }
        return decide(admin, id, form, result, model, redirect, "refuse", "labelApplication.flash.refused",
                () -> applications.refuse(admin, id, form.getVersion(), form.getReason()));
    }

    /** Makes the decision, or shows the page again with why not (the application as it now stands). */
    private String decide(CurrentUser admin, long id, DecisionForm form, BindingResult result, Model model,
            RedirectAttributes redirect, String decision, String flash, Runnable step) {
        applications.forAdmin(admin, id);
        if (Steps.attempt(result, step)) {
            redirect.addFlashAttribute("flash", flash);
            return "redirect:/admin/label-applications/" + id;
        }
        LabelApplication application = applications.forAdmin(admin, id);
        form.setVersion(application.getVersion());
        model.addAttribute("decision", decision);
        return page(application, model);
    }

    private String page(LabelApplication application, Model model) {
        model.addAttribute("filed", application);
        model.addAttribute("summary", views.one(application.getId()));
        model.addAttribute("childminderLink", "/admin/childminders/" + application.getChildminderId());
        return APPLICATION_VIEW;
    }
}
