package fr.passerelle.allowance;

import java.util.List;

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

/**
 * The Relais Petite Enfance facilitator's statements to check: those of the childminders of her relais's communes,
 * confirmed or corrected on their behalf with the childminder's own form and rules. Under {@code /relais/**}, which
 * the security configuration reserves to the facilitators; a statement outside her communes is not found.
 */
@Controller
@RequestMapping("/relais/statements")
class RelaisStatementController {

    private static final String BASE = "/relais/statements";
    private static final String VIEW = "allowance/provider-statement";

    private final Statements statements;
    RelaisStatementController(Statements statements) {
        this.statements = statements;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser facilitator, Model model) {
        model.addAttribute("statements", statements.ofRelais(facilitator));
        model.addAttribute("limit", Statements.RELAIS_LIMIT);
        return "allowance/relais-statements";
    }

    @GetMapping("/{id}")
    String show(@AuthenticationPrincipal CurrentUser facilitator, @PathVariable long id, Model model) {
        return page(theirs(facilitator, id), model);
    }

    @PostMapping("/{id}/confirm")
    String confirm(@AuthenticationPrincipal CurrentUser facilitator, @PathVariable long id, @RequestParam long version,
            @RequestParam(name = "day", required = false) List<String> ticked,
            @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
        Statement statement = theirs(facilitator, id);
        try {
            statements.confirm(facilitator, id, version, ProviderStatementController.days(statement, ticked), reason);
            redirect.addFlashAttribute("flash", "allowance.relais.flash.confirmed");
            return "redirect:" + BASE + "/" + id;
        }
        catch (RejectedChangeException ex) {
            model.addAttribute("error", ex);
            model.addAttribute("reason", reason);
            return page(statement, model);
        }
    }

    /** A statement of a childminder of her relais: any other is not found ({@link StatementAccess}). */
    private Statement theirs(CurrentUser facilitator, long id) {
        return statements.get(facilitator, id);
    }

    private static String page(Statement statement, Model model) {
        model.addAttribute("statement", statement);
        model.addAttribute("statementsBase", BASE);
        model.addAttribute("onBehalf", true);
        return VIEW;
    }
}
