package fr.passerelle.relais;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.system.RejectedChangeException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The communes of a relais, a part of the organisation administration (the relais's page links to it). */
@Controller
@RequestMapping("/admin/organisations/{id}/communes")
class AdminRelaisController {

    private static final String VIEW = "relais/admin-communes";

    private final RelaisCommunes communes;

    AdminRelaisController(RelaisCommunes communes) {
        this.communes = communes;
    }

    @GetMapping
    String show(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, Model model) {
        return page(admin, id, model, "");
    }

    /** The commune as typed or picked among the suggestions (posted, never in the URL). */
    @PostMapping
    String add(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @RequestParam(defaultValue = "") String communeQuery, Model model, RedirectAttributes redirect) {
        try {
            communes.add(admin, id, communeQuery.strip());
        }
        catch (RejectedChangeException ex) {
            model.addAttribute("communeError", ex.getMessageCode());
            model.addAttribute("communeErrorArguments", ex.getArguments());
            return page(admin, id, model, communeQuery);
        }
        redirect.addFlashAttribute("flash", "relais.communes.flash.added");
        return "redirect:/admin/organisations/" + id + "/communes";
    }

    @PostMapping("/remove")
    String remove(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam String commune,
            RedirectAttributes redirect) {
        communes.remove(admin, id, commune);
        redirect.addFlashAttribute("flash", "relais.communes.flash.removed");
        return "redirect:/admin/organisations/" + id + "/communes";
    }

    private String page(CurrentUser admin, long id, Model model, String typed) {
        model.addAttribute("relais", communes.relais(admin, id));
        model.addAttribute("communes", communes.covered(id));
        model.addAttribute("communeQuery", typed);
        return VIEW;
    }
}
