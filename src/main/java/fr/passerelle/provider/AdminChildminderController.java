package fr.passerelle.provider;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.provider.label.AvipLabel;
import fr.passerelle.provider.label.ExpiredLabelException;
import fr.passerelle.provider.label.IllegalLabelTransitionException;
import fr.passerelle.system.DatePolicy;
import fr.passerelle.system.StaleDataException;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;

import jakarta.servlet.http.HttpSession;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
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
 * The administrators' registry of childminders: list, creation, edition, deactivation and the AVIP label's
 * lifecycle. Every change goes through {@link ChildminderRegistry}, which audits it.
 */
@Controller
@RequestMapping("/admin/childminders")
class AdminChildminderController {

    static final String BASE = "/admin/childminders";
    private static final String FORM_VIEW = "provider/childminders/form";
    private static final int MAX_REASON = 1000;

    private final ChildminderRegistry registry;
    private final ChildminderQueries queries;
    private final RegistryViews views;
    private final ChildminderFormMapper mapper;
    private final CommuneDirectory communes;
    private final RegistryProperties properties;
    private final Clock clock;
    private final DatePolicy dates;

    AdminChildminderController(ChildminderRegistry registry, ChildminderQueries queries, RegistryViews views,
            ChildminderFormMapper mapper, CommuneDirectory communes, RegistryProperties properties, Clock clock,
            DatePolicy dates) {
        this.registry = registry;
        this.queries = queries;
        this.views = views;
        this.mapper = mapper;
        this.communes = communes;
        this.properties = properties;
        this.clock = clock;
        this.dates = dates;
    }

    /** Blank fields are absent: "" is no phone number. */
    @InitBinder("childminderForm")
    void trimStrings(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping
    String list(@ModelAttribute("filter") RegistryFilter filter, HttpSession session, Model model) {
        RegistryViews.applySearch(filter, session);
        views.list(model, filter, null);
        model.addAttribute("base", BASE);
        model.addAttribute("readOnly", false);
        return "provider/childminders/list";
    }

    /** The filters are posted: a name searched never appears in the URL (RegistryViews#filter). */
    @PostMapping("/filter")
    String filter(@ModelAttribute("filter") RegistryFilter filter, @RequestParam(defaultValue = "false") boolean reset,
            HttpSession session) {
        return RegistryViews.filter(BASE, filter, reset, session);
    }

    @GetMapping("/expiring")
    String expiring(Model model) {
        var labels = queries.expiringLabels(null);
        var agreements = queries.expiringAgreements(null);
        model.addAttribute("labelsSoon", labels.stream().filter(e -> e.daysLeft() <= ChildminderQueries.SOON).toList());
        model.addAttribute("labelsLater", labels.stream().filter(e -> e.daysLeft() > ChildminderQueries.SOON).toList());
        model.addAttribute("agreementsSoon",
                agreements.stream().filter(e -> e.daysLeft() <= ChildminderQueries.SOON).toList());
        model.addAttribute("agreementsLater",
                agreements.stream().filter(e -> e.daysLeft() > ChildminderQueries.SOON).toList());
        model.addAttribute("soon", ChildminderQueries.SOON);
        model.addAttribute("later", ChildminderQueries.LATER);
        return "provider/childminders/expiring";
    }

    @GetMapping("/new")
    String initCreationForm(Model model) {
        model.addAttribute("childminderForm", new ChildminderForm());
        return FORM_VIEW;
    }

    @PostMapping("/new")
    String processCreationForm(@AuthenticationPrincipal CurrentUser admin,
            @Validated @ModelAttribute("childminderForm") ChildminderForm form, BindingResult result,
            RedirectAttributes redirect) {
        ChildminderDetails details = mapper.toDetails(form, result, null);
        if (details == null) {
            return FORM_VIEW;
        }
        Childminder childminder;
        try {
            childminder = registry.register(admin, details);
        }
        catch (DuplicateAgreementNumberException ex) {
            // Also what a second click on "save" meets: the first one registered this agreement number.
            result.rejectValue("agreementNumber", "childminder.agreementNumber.duplicate");
            return FORM_VIEW;
        }
        catch (DataIntegrityViolationException ex) {
            // Two clicks at once: neither saw the other's number before inserting.
            rejectDuplicateOrRethrow(ex, result);
            return FORM_VIEW;
        }
        redirect.addFlashAttribute("flash", "childminder.flash.created");
        return "redirect:" + BASE + "/" + childminder.getId();
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        views.view(model, registry, id, null);
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("base", BASE);
        model.addAttribute("readOnly", false);
        Childminder childminder = registry.get(id);
        model.addAttribute("childminder", childminder);
        model.addAttribute("label", registry.currentLabel(id).orElse(null));
        model.addAttribute("grantFrom", today);
        // The proposed end never crosses a limit the policy would refuse: the longest label, the agreement's end.
        model.addAttribute("grantTo", earliest(today.plus(properties.labelValidity()).minusDays(1),
                dates.labelEndLimit(today), childminder.getAgreementEndDate()));
        Optional<AvipLabel> label = registry.currentLabel(id);
        model.addAttribute("renewTo", label.map(l -> earliest(l.getValidTo().plus(properties.labelValidity()),
                dates.labelEndLimit(l.getValidFrom()), childminder.getAgreementEndDate())).orElse(null));
        return "provider/childminders/view";
    }

    @GetMapping("/{id}/edit")
    String initUpdateForm(@PathVariable long id, Model model) {
        Childminder childminder = registry.get(id);
        String communeLabel = communes.findByInseeCode(childminder.getCommuneCode()).map(Commune::label)
                .orElse(childminder.getCommuneCode());
        model.addAttribute("childminderForm",
                ChildminderForm.of(childminder.details(), communeLabel, childminder.getVersion()));
        model.addAttribute("childminder", childminder);
        return FORM_VIEW;
    }

    @PostMapping("/{id}/edit")
    String processUpdateForm(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @Validated @ModelAttribute("childminderForm") ChildminderForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        Childminder childminder = registry.get(id);
        model.addAttribute("childminder", childminder);
        ChildminderDetails details = mapper.toDetails(form, result, childminder.getAgreementEndDate());
        if (details == null) {
            return FORM_VIEW;
        }
        try {
            registry.update(admin, id, form.getVersion() == null ? -1 : form.getVersion(), details);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            // Someone saved first: keep what this user typed, say so, and let them save over it knowingly.
            result.reject("childminder.stale");
            form.setVersion(registry.get(id).getVersion());
            return FORM_VIEW;
        }
        catch (DuplicateAgreementNumberException ex) {
            result.rejectValue("agreementNumber", "childminder.agreementNumber.duplicate");
            return FORM_VIEW;
        }
        catch (DataIntegrityViolationException ex) {
            rejectDuplicateOrRethrow(ex, result);
            return FORM_VIEW;
        }
        redirect.addFlashAttribute("flash", "childminder.flash.updated");
        return "redirect:" + BASE + "/" + id;
    }

    @PostMapping("/{id}/deactivate")
    String deactivate(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam long version,
            RedirectAttributes redirect) {
        return act(id, redirect, "childminder.flash.deactivated", () -> registry.deactivate(admin, id, version));
    }

    @PostMapping("/{id}/reactivate")
    String reactivate(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam long version,
            RedirectAttributes redirect) {
        return act(id, redirect, "childminder.flash.reactivated", () -> registry.reactivate(admin, id, version));
    }

    /**
     * Grants a label. {@code currentLabelId} is the label the page showed (0 for none): if another grant happened
     * since, as after a double click, nothing is granted twice.
     */
    @PostMapping("/{id}/label/grant")
    String grant(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @RequestParam(defaultValue = "0") long currentLabelId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validTo,
            RedirectAttributes redirect) {
        registry.get(id);
        if (validFrom == null || validTo == null) {
            if (validFrom == null) {
                redirect.addFlashAttribute("grantFromError", "label.grant.from.required");
            }
            if (validTo == null) {
                redirect.addFlashAttribute("grantToError", "label.grant.to.required");
            }
            return "redirect:" + BASE + "/" + id;
        }
        if (validTo.isBefore(validFrom)) {
            return fieldError(id, redirect, "grantToError", "label.grant.dates.order");
        }
        Optional<DatePolicy.Refusal> start = dates.checkLabelStart(validFrom, LocalDate.now(clock));
        Optional<DatePolicy.Refusal> end = dates.checkLabelEnd(validFrom, validTo,
                registry.get(id).getAgreementEndDate());
        if (start.isPresent() || end.isPresent()) {
            start.ifPresent(refusal -> dateError(redirect, "grantFromError", refusal));
            end.ifPresent(refusal -> dateError(redirect, "grantToError", refusal));
            return "redirect:" + BASE + "/" + id;
        }
        return act(id, redirect, "label.flash.granted",
                () -> registry.grantLabel(admin, id, currentLabelId, validFrom, validTo));
    }

    @PostMapping("/{id}/label/renew")
    String renew(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam long version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validTo,
            RedirectAttributes redirect) {
        registry.get(id);
        if (validTo == null) {
            return fieldError(id, redirect, "renewError", "label.renew.date.required");
        }
        Optional<AvipLabel> label = registry.currentLabel(id);
        if (label.isPresent() && !validTo.isAfter(label.get().getValidTo())) {
            return fieldError(id, redirect, "renewError", "label.renew.date.notLater");
        }
        Optional<DatePolicy.Refusal> end = label.flatMap(current -> dates.checkLabelEnd(current.getValidFrom(),
                validTo, registry.get(id).getAgreementEndDate()));
        if (end.isPresent()) {
            dateError(redirect, "renewError", end.get());
            return "redirect:" + BASE + "/" + id;
        }
        return act(id, redirect, "label.flash.renewed", () -> registry.renewLabel(admin, id, version, validTo));
    }

    @PostMapping("/{id}/label/suspend")
    String suspend(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam long version,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        registry.get(id);
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            return fieldError(id, redirect, "suspendError", "label.reason.required");
        }
        return act(id, redirect, "label.flash.suspended", () -> registry.suspendLabel(admin, id, version, reason));
    }

    @PostMapping("/{id}/label/reinstate")
    String reinstate(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam long version,
            RedirectAttributes redirect) {
        return act(id, redirect, "label.flash.reinstated", () -> registry.reinstateLabel(admin, id, version));
    }

    @PostMapping("/{id}/label/revoke")
    String revoke(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam long version,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        registry.get(id);
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            return fieldError(id, redirect, "revokeError", "label.reason.required");
        }
        return act(id, redirect, "label.flash.revoked", () -> registry.revokeLabel(admin, id, version, reason));
    }

    /**
     * A duplicate agreement number is said next to its field; any other refusal by the database is a bug the form's
     * rules let through, not the user's mistake, and is not dressed up as one.
     */
    private static void rejectDuplicateOrRethrow(DataIntegrityViolationException ex, BindingResult result) {
        if (!DuplicateAgreementNumberException.isCauseOf(ex)) {
            throw ex;
        }
        result.rejectValue("agreementNumber", "childminder.agreementNumber.duplicate");
    }

    private static LocalDate earliest(LocalDate... days) {
        return java.util.Arrays.stream(days).filter(java.util.Objects::nonNull).min(LocalDate::compareTo).orElseThrow();
    }

    /** A date refused by the policy, said next to its field with the limit it crossed. */
    private static void dateError(RedirectAttributes redirect, String attribute, DatePolicy.Refusal refusal) {
        redirect.addFlashAttribute(attribute, refusal.code());
        redirect.addFlashAttribute(attribute + "Args", refusal.arguments());
    }

    private static String fieldError(long id, RedirectAttributes redirect, String attribute, String key) {
        redirect.addFlashAttribute(attribute, key);
        return "redirect:" + BASE + "/" + id;
    }

    /** Runs one change and says how it went; a stale page or a refused transition is explained, never a crash. */
    private static String act(long id, RedirectAttributes redirect, String success, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", success);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            redirect.addFlashAttribute("error", "label.stale");
        }
        catch (ExpiredLabelException ex) {
            redirect.addFlashAttribute("error", "label.suspend.expired");
        }
        catch (IllegalLabelTransitionException | IllegalStateException ex) {
            redirect.addFlashAttribute("error", "label.transition.illegal");
        }
        return "redirect:" + BASE + "/" + id;
    }
}
