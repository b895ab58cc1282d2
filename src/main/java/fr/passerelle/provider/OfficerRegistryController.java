package fr.passerelle.provider;

import fr.passerelle.organisation.CurrentUser;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The Caf officer's read-only view of the childminders' registry, limited to their Caf's département: they need it
 * to route. A childminder elsewhere answers 404, as an unknown one does.
 */
@Controller
@RequestMapping("/officer/registry/childminders")
class OfficerRegistryController {

    static final String BASE = "/officer/registry/childminders";

    private final RegistryViews views;
    private final ChildminderRegistry registry;

    OfficerRegistryController(RegistryViews views, ChildminderRegistry registry) {
        this.views = views;
        this.registry = registry;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser officer, @ModelAttribute("filter") RegistryFilter filter,
            HttpSession session, Model model) {
        RegistryViews.applySearch(filter, session);
        views.list(model, filter, officer.getDepartementCode());
        model.addAttribute("base", BASE);
        model.addAttribute("readOnly", true);
        return "provider/childminders/list";
    }

    /** The filters are posted: a name searched never appears in the URL (RegistryViews#filter). */
    @PostMapping("/filter")
    String filter(@ModelAttribute("filter") RegistryFilter filter, @RequestParam(defaultValue = "false") boolean reset,
            HttpSession session) {
        return RegistryViews.filter(BASE, filter, reset, session);
    }

    @GetMapping("/{id}")
    String show(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id, Model model) {
        views.view(model, registry, id, officer.getDepartementCode());
        model.addAttribute("childminder", registry.get(id));
        model.addAttribute("label", registry.currentLabel(id).orElse(null));
        model.addAttribute("base", BASE);
        model.addAttribute("readOnly", true);
        return "provider/childminders/view";
    }
}
