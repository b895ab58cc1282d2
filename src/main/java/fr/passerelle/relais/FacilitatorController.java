package fr.passerelle.relais;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.validation.Valid;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.system.RejectedChangeException;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The facilitator's pages: the childminders of her relais's communes, each with her follow-up log, and the label
 * applications to give an opinion on. Reserved to the role by the security configuration; every query is scoped to
 * her relais ({@link RelaisScope}).
 */
@Controller
@RequestMapping("/relais")
class FacilitatorController {

    private static final String CHILDMINDER_VIEW = "relais/childminder";
    private static final String APPLICATION_VIEW = "relais/application";

    private final RelaisChildminders childminders;
    private final FollowUpLog log;
    private final LabelApplications applications;
    private final ApplicationViews views;
    private final Clock clock;

    FacilitatorController(RelaisChildminders childminders, FollowUpLog log, LabelApplications applications,
            ApplicationViews views, Clock clock) {
        this.childminders = childminders;
        this.log = log;
        this.applications = applications;
        this.views = views;
        this.clock = clock;
    }

    @InitBinder
    void trimStrings(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @ModelAttribute("followUpKinds")
    FollowUpKind[] followUpKinds() {
        return FollowUpKind.values();
    }

    @ModelAttribute("today")
    LocalDate today() {
        return LocalDate.now(clock);
    }

    @GetMapping
    String home(@AuthenticationPrincipal CurrentUser facilitator, Model model) {
        model.addAttribute("applications", views.ofRelais(facilitator).stream()
                .filter(application -> application.status() == LabelApplicationStatus.AWAITING_OPINION).toList());
        return "relais/home";
    }

    @GetMapping("/childminders")
    String list(@AuthenticationPrincipal CurrentUser facilitator, @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("slice", childminders.list(facilitator, page));
        return "relais/childminders";
    }

    @GetMapping("/childminders/{id}")
    String childminder(@AuthenticationPrincipal CurrentUser facilitator, @PathVariable long id, Model model) {
        FollowUpForm form = new FollowUpForm();
        form.setHappenedOn(today());
        model.addAttribute("followUpForm", form);
        return childminderPage(facilitator, id, model);
    }

    @PostMapping("/childminders/{id}/follow-up")
    String recordFollowUp(@AuthenticationPrincipal CurrentUser facilitator, @PathVariable long id,
            @Valid @ModelAttribute("followUpForm") FollowUpForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        LocalDate day = form.getHappenedOn();
        if (day != null && day.isAfter(today())) {
            result.rejectValue("happenedOn", "relais.followUp.happenedOn.future");
        }
        else if (day != null && day.isBefore(today().minusYears(1))) {
            result.rejectValue("happenedOn", "relais.followUp.happenedOn.tooOld");
        }
        if (result.hasErrors()) {
            return childminderPage(facilitator, id, model);
        }
        log.record(facilitator, id, form);
        redirect.addFlashAttribute("flash", "relais.followUp.flash.recorded");
        return "redirect:/relais/childminders/" + id;
    }

    private String childminderPage(CurrentUser facilitator, long id, Model model) {
        model.addAttribute("row", childminders.one(facilitator, id));
        model.addAttribute("entries", log.entries(facilitator, id));
        model.addAttribute("applications", views.ofChildminder(id));
        return CHILDMINDER_VIEW;
    }

    @GetMapping("/applications")
    String applications(@AuthenticationPrincipal CurrentUser facilitator, Model model) {
        model.addAttribute("applications", views.ofRelais(facilitator));
        model.addAttribute("base", "/relais/applications/");
        return "relais/applications";
    }

    @GetMapping("/applications/{id}")
    String application(@AuthenticationPrincipal CurrentUser facilitator, @PathVariable long id, Model model) {
        LabelApplication application = applications.forFacilitator(facilitator, id);
        OpinionForm form = new OpinionForm();
        form.setVersion(application.getVersion());
        model.addAttribute("opinionForm", form);
        return applicationPage(application, model);
    }

    @PostMapping("/applications/{id}/opinion")
    String giveOpinion(@AuthenticationPrincipal CurrentUser facilitator, @PathVariable long id,
            @Valid @ModelAttribute("opinionForm") OpinionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        applications.forFacilitator(facilitator, id);
        boolean given = Steps.attempt(result, () -> {
            try {
                applications.giveOpinion(facilitator, id, form.getVersion(), form.getOpinion(), form.getComment());
            }
            catch (IllegalArgumentException ex) {
                throw new RejectedChangeException("labelApplication.opinion.comment.required", "comment");
            }
        });
        if (given) {
            redirect.addFlashAttribute("flash", "labelApplication.flash.opinion");
            return "redirect:/relais/applications/" + id;
        }
        LabelApplication application = applications.forFacilitator(facilitator, id);
        form.setVersion(application.getVersion());
        return applicationPage(application, model);
    }

    private String applicationPage(LabelApplication application, Model model) {
        model.addAttribute("filed", application);
        model.addAttribute("summary", views.one(application.getId()));
        model.addAttribute("opinions", Opinion.values());
        model.addAttribute("childminderLink", "/relais/childminders/" + application.getChildminderId());
        return APPLICATION_VIEW;
    }
}
