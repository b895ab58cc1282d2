package fr.passerelle.organisation;

import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;
import fr.passerelle.territory.Departement;
import fr.passerelle.territory.TerritoryDirectory;
import jakarta.validation.Valid;

import java.util.List;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' organisation pages: France Travail agencies, other prescribers, Cafs, administration. */
@Controller
@RequestMapping("/admin/organisations")
class AdminOrganisationController {

    private static final String FORM_VIEW = "organisation/admin/organisation-form";

    private final OrganisationAdministration administration;
    private final TerritoryDirectory territory;
    private final SmartValidator validator;

    AdminOrganisationController(OrganisationAdministration administration, TerritoryDirectory territory,
            SmartValidator validator) {
        this.administration = administration;
        this.territory = territory;
        this.validator = validator;
    }

    @ModelAttribute("kinds")
    List<OrganisationKind> kinds() {
        return List.copyOf(OrganisationAdministration.KINDS);
    }

    @ModelAttribute("departements")
    List<Departement> departements() {
        return territory.departements();
    }

    @InitBinder("organisationForm")
    void trimStrings(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping
    String list(@RequestParam(required = false) OrganisationKind kind, @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("kind", kind);
        model.addAttribute("page", administration.list(kind, page));
        return "organisation/admin/organisations";
    }

    @GetMapping("/new")
    String initCreationForm(Model model) {
        OrganisationForm form = new OrganisationForm();
        form.setDepartementCode("91");
        model.addAttribute("organisationForm", form);
        return FORM_VIEW;
    }

    @PostMapping("/new")
    String processCreationForm(@AuthenticationPrincipal CurrentUser admin,
            @Valid @ModelAttribute("organisationForm") OrganisationForm form, BindingResult result,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return FORM_VIEW;
        }
        Organisation created;
        try {
            created = administration.create(admin, form);
        }
        catch (RejectedChangeException ex) {
            AdminUserController.reject(result, ex);
            return FORM_VIEW;
        }
        catch (DataIntegrityViolationException ex) {
            // Posted twice at once: the other request created it.
            result.rejectValue("name", "admin.organisation.name.taken");
            return FORM_VIEW;
        }
        redirect.addFlashAttribute("flash", "admin.organisation.flash.created");
        return "redirect:/admin/organisations/" + created.getId();
    }

    @GetMapping("/{id}")
    String initUpdateForm(@PathVariable long id, Model model) {
        Organisation organisation = administration.get(id);
        model.addAttribute("organisation", organisation);
        model.addAttribute("organisationForm", administration.form(organisation));
        return FORM_VIEW;
    }

    @PostMapping("/{id}")
    String processUpdateForm(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @ModelAttribute("organisationForm") OrganisationForm form, BindingResult result,
            Model model, RedirectAttributes redirect) {
        Organisation organisation = administration.get(id);
        model.addAttribute("organisation", organisation);
        // The kind cannot change: the form shows it, the organisation keeps its own.
        form.setKind(organisation.getKind());
        validator.validate(form, result);
        if (result.hasErrors()) {
            return FORM_VIEW;
        }
        try {
            administration.update(admin, id, form.getVersion() == null ? -1 : form.getVersion(), form);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            result.reject("admin.stale");
            form.setVersion(administration.get(id).getVersion());
            return FORM_VIEW;
        }
        catch (RejectedChangeException ex) {
            AdminUserController.reject(result, ex);
            return FORM_VIEW;
        }
        catch (DataIntegrityViolationException ex) {
            result.rejectValue("name", "admin.organisation.name.taken");
            return FORM_VIEW;
        }
        redirect.addFlashAttribute("flash", "admin.organisation.flash.updated");
        return "redirect:/admin/organisations/" + id;
    }

    @PostMapping("/{id}/deactivate")
    String deactivate(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam long version,
            RedirectAttributes redirect) {
        return act(id, redirect, "admin.organisation.flash.deactivated",
                () -> administration.deactivate(admin, id, version));
    }

    @PostMapping("/{id}/reactivate")
    String reactivate(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam long version,
            RedirectAttributes redirect) {
        return act(id, redirect, "admin.organisation.flash.reactivated",
                () -> administration.reactivate(admin, id, version));
    }

    private static String act(long id, RedirectAttributes redirect, String success, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", success);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            redirect.addFlashAttribute("error", "admin.stale.action");
        }
        catch (RejectedChangeException ex) {
            redirect.addFlashAttribute("error", ex.getMessageCode());
        }
        return "redirect:/admin/organisations/" + id;
    }
}
