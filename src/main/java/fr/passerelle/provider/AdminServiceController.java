package fr.passerelle.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;
import fr.passerelle.territory.Departement;
import fr.passerelle.territory.TerritoryDirectory;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' pages for home-care services and AVIP crèches. */
@Controller
@RequestMapping("/admin/services")
class AdminServiceController {

    private static final String SERVICE_FORM = "provider/admin/home-care-form";
    private static final String CRECHE_FORM = "provider/admin/creche-form";
    private static final Pattern LIST_ID = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    private final ServiceAdministration administration;
    private final RegistryQueries queries;
    private final CommuneDirectory communes;
    private final TerritoryDirectory territory;
    private final SmartValidator validator;

    AdminServiceController(ServiceAdministration administration, RegistryQueries queries, CommuneDirectory communes,
            TerritoryDirectory territory, SmartValidator validator) {
        this.administration = administration;
        this.queries = queries;
        this.communes = communes;
        this.territory = territory;
        this.validator = validator;
    }

    @InitBinder({"serviceForm", "crecheForm"})
    void trimStrings(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping
    String list(@RequestParam(required = false) String departement,
            @RequestParam(defaultValue = "0") int servicesPage, @RequestParam(defaultValue = "0") int crechesPage,
            Model model) {
        String code = departement == null || departement.isBlank() ? null : departement;
        List<Departement> departements = territory.departements();
        model.addAttribute("departements", departements);
        model.addAttribute("departement", code);
        model.addAttribute("services", queries.services(code, servicesPage));
        model.addAttribute("creches", queries.creches(code, crechesPage));
        return "provider/admin/services";
    }

    /** EPCI suggestions for the coverage field, as a datalist (see app.js); EPCI names are not personal data. */
    @PostMapping("/epci-suggestions")
    String epciSuggestions(@RequestParam(defaultValue = "") String q, @RequestParam("list") String listId,
            Model model) {
        if (!LIST_ID.matcher(listId).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Invalid datalist id");
        }
        model.addAttribute("listId", listId);
        model.addAttribute("epcis", territory.searchEpci(q, 10));
        return "territory/epci-suggestions :: suggestions";
    }

    // Home-care services

    @GetMapping("/home-care/new")
    String initServiceCreation(Model model) {
        model.addAttribute("serviceForm", new HomeCareServiceForm());
        return serviceForm(model, new HomeCareServiceForm());
    }

    @PostMapping("/home-care/new")
    String processServiceCreation(@AuthenticationPrincipal CurrentUser admin,
            @ModelAttribute("serviceForm") HomeCareServiceForm form, BindingResult result,
            @RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
        if (!addToCoverage(form, result, action) || !valid(form, result)) {
            return serviceForm(model, form);
        }
        HomeCareService service;
        try {
            service = administration.createService(admin, form);
        }
        catch (RejectedChangeException ex) {
            reject(result, ex);
            return serviceForm(model, form);
        }
        catch (DataIntegrityViolationException ex) {
            result.rejectValue("name", "admin.service.name.taken");
            return serviceForm(model, form);
        }
        redirect.addFlashAttribute("flash", "admin.service.flash.created");
        return "redirect:/admin/services/home-care/" + service.getId() + "/edit";
    }

    @GetMapping("/home-care/{id}/edit")
    String initServiceUpdate(@PathVariable long id, Model model) {
        HomeCareService service = administration.getService(id);
        model.addAttribute("service", service);
        HomeCareServiceForm form = administration.serviceForm(id);
        model.addAttribute("serviceForm", form);
        return serviceForm(model, form);
    }

    @PostMapping("/home-care/{id}/edit")
    String processServiceUpdate(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @ModelAttribute("serviceForm") HomeCareServiceForm form, BindingResult result,
            @RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
        model.addAttribute("service", administration.getService(id));
        if (!addToCoverage(form, result, action) || !valid(form, result)) {
            return serviceForm(model, form);
        }
        try {
            administration.updateService(admin, id, form.getVersion() == null ? -1 : form.getVersion(), form);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            result.reject("admin.stale");
            form.setVersion(administration.getService(id).getVersion());
            return serviceForm(model, form);
        }
        catch (RejectedChangeException ex) {
            reject(result, ex);
            return serviceForm(model, form);
        }
        catch (DataIntegrityViolationException ex) {
            result.rejectValue("name", "admin.service.name.taken");
            return serviceForm(model, form);
        }
        redirect.addFlashAttribute("flash", "admin.service.flash.updated");
        return "redirect:/admin/services/home-care/" + id + "/edit";
    }

    @PostMapping("/home-care/{id}/deactivate")
    String deactivateService(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @RequestParam long version, RedirectAttributes redirect) {
        return act("/admin/services/home-care/" + id + "/edit", redirect, "admin.service.flash.deactivated",
                () -> administration.setServiceActive(admin, id, version, false));
    }

    @PostMapping("/home-care/{id}/reactivate")
    String reactivateService(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @RequestParam long version, RedirectAttributes redirect) {
        return act("/admin/services/home-care/" + id + "/edit", redirect, "admin.service.flash.reactivated",
                () -> administration.setServiceActive(admin, id, version, true));
    }

    // Crèches

    @GetMapping("/creches/new")
    String initCrecheCreation(Model model) {
        model.addAttribute("crecheForm", new CrecheForm());
        return CRECHE_FORM;
    }

    @PostMapping("/creches/new")
    String processCrecheCreation(@AuthenticationPrincipal CurrentUser admin,
            @ModelAttribute("crecheForm") CrecheForm form, BindingResult result, RedirectAttributes redirect) {
        if (!valid(form, result)) {
            return CRECHE_FORM;
        }
        Creche creche;
        try {
            creche = administration.createCreche(admin, form);
        }
        catch (RejectedChangeException ex) {
            reject(result, ex);
            return CRECHE_FORM;
        }
        catch (DataIntegrityViolationException ex) {
            result.rejectValue("name", "admin.service.name.taken");
            return CRECHE_FORM;
        }
        redirect.addFlashAttribute("flash", "admin.creche.flash.created");
        return "redirect:/admin/services/creches/" + creche.getId() + "/edit";
    }

    @GetMapping("/creches/{id}/edit")
    String initCrecheUpdate(@PathVariable long id, Model model) {
        Creche creche = administration.getCreche(id);
        model.addAttribute("creche", creche);
        model.addAttribute("crecheForm", administration.crecheForm(creche));
        return CRECHE_FORM;
    }

    @PostMapping("/creches/{id}/edit")
    String processCrecheUpdate(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @ModelAttribute("crecheForm") CrecheForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        model.addAttribute("creche", administration.getCreche(id));
        if (!valid(form, result)) {
            return CRECHE_FORM;
        }
        try {
            administration.updateCreche(admin, id, form.getVersion() == null ? -1 : form.getVersion(), form);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            result.reject("admin.stale");
            form.setVersion(administration.getCreche(id).getVersion());
            return CRECHE_FORM;
        }
        catch (RejectedChangeException ex) {
            reject(result, ex);
            return CRECHE_FORM;
        }
        catch (DataIntegrityViolationException ex) {
            result.rejectValue("name", "admin.service.name.taken");
            return CRECHE_FORM;
        }
        redirect.addFlashAttribute("flash", "admin.creche.flash.updated");
        return "redirect:/admin/services/creches/" + id + "/edit";
    }

    @PostMapping("/creches/{id}/deactivate")
    String deactivateCreche(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @RequestParam long version, RedirectAttributes redirect) {
        return act("/admin/services/creches/" + id + "/edit", redirect, "admin.creche.flash.deactivated",
                () -> administration.setCrecheActive(admin, id, version, false));
    }

    @PostMapping("/creches/{id}/reactivate")
    String reactivateCreche(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @RequestParam long version, RedirectAttributes redirect) {
        return act("/admin/services/creches/" + id + "/edit", redirect, "admin.creche.flash.reactivated",
                () -> administration.setCrecheActive(admin, id, version, true));
    }

    /**
     * "Add the EPCI's communes" and "add the commune" change the form without saving; "save" also adds what is
     * still typed in those fields. {@code false} when the form must be shown again.
     */
    private boolean addToCoverage(HomeCareServiceForm form, BindingResult result, String action) {
        boolean adding = "add-epci".equals(action) || "add-commune".equals(action);
        try {
            if (form.getEpciQuery() != null && ("add-epci".equals(action) || "save".equals(action))) {
                administration.addEpci(form);
            }
            if (form.getCoverageCommuneQuery() != null
                    && ("add-commune".equals(action) || "save".equals(action))) {
                administration.addCommune(form);
            }
        }
        catch (RejectedChangeException ex) {
            reject(result, ex);
            return false;
        }
        return !adding;
    }

    private boolean valid(Object form, BindingResult result) {
        validator.validate(form, result);
        return !result.hasErrors();
    }

    private String serviceForm(Model model, HomeCareServiceForm form) {
        List<Commune> coverage = new ArrayList<>(communes.findAllByInseeCodes(form.getCoverage()).values());
        coverage.sort(Comparator.comparing(Commune::name).thenComparing(Commune::inseeCode));
        model.addAttribute("coverageCommunes", coverage);
        return SERVICE_FORM;
    }

    private static String act(String page, RedirectAttributes redirect, String success, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", success);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            redirect.addFlashAttribute("error", "admin.stale.action");
        }
        return "redirect:" + page;
    }

    private static void reject(BindingResult result, RejectedChangeException ex) {
        if (ex.getField() == null) {
            result.reject(ex.getMessageCode(), ex.getArguments(), null);
        }
        else {
            result.rejectValue(ex.getField(), ex.getMessageCode(), ex.getArguments(), null);
        }
    }
}
