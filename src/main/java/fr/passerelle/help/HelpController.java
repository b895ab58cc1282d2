package fr.passerelle.help;

import java.util.Locale;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.routing.RoutingProperties;
import fr.passerelle.system.NotFoundException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The help pages, one per role, in plain words: every signed-in user reaches their own from every page (the
 * header's "Aide" link) and may read the others', to know what the other side does.
 */
@Controller
class HelpController {

    /** How many steps each role's page tells (keys {@code help.<role>.step.<n>}). */
    private static final java.util.Map<Role, Integer> STEPS = java.util.Map.of(Role.ADVISOR, 6, Role.CAF_OFFICER, 5,
            Role.PROVIDER, 4, Role.ADMIN, 5, Role.RPE_FACILITATOR, 4);

    private final RoutingProperties routing;

    HelpController(RoutingProperties routing) {
        this.routing = routing;
    }

    @GetMapping("/help")
    String ownHelp(@AuthenticationPrincipal CurrentUser user) {
        return "redirect:/help/" + slug(user.getRole());
    }

    @GetMapping("/help/{role}")
    String help(@PathVariable String role, Model model) {
        Role shown = java.util.Arrays.stream(Role.values()).filter(r -> slug(r).equals(role)).findFirst()
                .orElseThrow(NotFoundException::new);
        model.addAttribute("role", shown);
        model.addAttribute("slug", slug(shown));
        model.addAttribute("steps", java.util.stream.IntStream.rangeClosed(1, STEPS.get(shown)).boxed().toList());
        model.addAttribute("roles", Role.values());
        model.addAttribute("homeCareHours", routing.homeCareAnswerDelay().toHours());
        model.addAttribute("childminderHours", routing.childminderAnswerDelay().toHours());
        model.addAttribute("crecheHours", routing.crecheAnswerDelay().toHours());
        return "help/page";
    }

    /** The role as it reads in the address: {@code CAF_OFFICER} → {@code caf-officer}. */
    static String slug(Role role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
