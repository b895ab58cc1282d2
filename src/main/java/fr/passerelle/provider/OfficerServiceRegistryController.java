package fr.passerelle.provider;

import java.util.Map;
import java.util.stream.Stream;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.territory.Commune;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Caf officer's read-only view of the home-care services and crèches of their département, which they need to
 * route a case. Scoped by the officer's organisation, never by a parameter.
 */
@Controller
class OfficerServiceRegistryController {

    private final RegistryQueries queries;

    OfficerServiceRegistryController(RegistryQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/officer/registry/services")
    String services(@AuthenticationPrincipal CurrentUser officer, @RequestParam(defaultValue = "0") int servicesPage,
            @RequestParam(defaultValue = "0") int crechesPage, Model model) {
        var services = queries.services(officer.getDepartementCode(), servicesPage);
        var creches = queries.creches(officer.getDepartementCode(), crechesPage);
        Map<String, Commune> communes = queries.communesOf(Stream.concat(
                services.getContent().stream().map(RegistryQueries.ServiceRow::communeCode),
                creches.getContent().stream().map(RegistryQueries.CrecheRow::communeCode)).toList());
        model.addAttribute("services", services);
        model.addAttribute("creches", creches);
        model.addAttribute("communes", communes);
        model.addAttribute("departement", officer.getDepartementCode());
        return "provider/registry/services";
    }
}
