package fr.passerelle.provider;

import org.springframework.ui.Model;

/** What the administrator's and the officer's registry pages both show, so that both stay alike. */
final class RegistryViews {

    private RegistryViews() {
    }

    static void list(Model model, ChildminderQueries queries, RegistryFilter filter, String departementCode) {
        model.addAttribute("page", queries.page(filter, departementCode));
        model.addAttribute("communes", queries.communes(departementCode));
        model.addAttribute("epcis", queries.epcis(departementCode));
        model.addAttribute("labelFilters", RegistryFilter.LabelFilter.values());
        model.addAttribute("states", RegistryFilter.State.values());
    }

    /** The row (404 outside the département) and the label's history. */
    static void view(Model model, ChildminderQueries queries, ChildminderRegistry registry, long id,
            String departementCode) {
        model.addAttribute("row", queries.row(id, departementCode));
        model.addAttribute("history", registry.history(id));
    }
}
