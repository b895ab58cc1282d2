package fr.passerelle.allowance;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

/** The childminder's monthly statements: the list, one statement, and its confirmation (days ticked, reason). */
@Controller
@RequestMapping("/provider/statements")
class ProviderStatementController {

    private final Statements statements;

    ProviderStatementController(Statements statements) {
        this.statements = statements;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("statements", statements.mine(user));
        return "allowance/provider-statements";
    }

    @GetMapping("/{id}")
    String show(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("statement", statements.get(user, id));
        return "allowance/provider-statement";
    }

    /** Each ticked day comes as {@code day=<line id>_<yyyy-mm-dd>}. */
    @PostMapping("/{id}/confirm")
    String confirm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam long version,
            @RequestParam(name = "day", required = false) List<String> ticked,
            @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
        Statement statement = statements.get(user, id);
        try {
            statements.confirm(user, id, version, days(statement, ticked), reason);
            redirect.addFlashAttribute("flash", "allowance.flash.confirmed");
            return "redirect:/provider/statements/" + id;
        }
        catch (RejectedChangeException ex) {
            model.addAttribute("statement", statement);
            model.addAttribute("error", ex);
            model.addAttribute("reason", reason);
            return "allowance/provider-statement";
        }
    }

    /** The ticked days by care line (shared with the facilitator's confirmation on the childminder's behalf). */
    static Map<Long, List<LocalDate>> days(Statement statement, List<String> ticked) {
        Map<Long, List<LocalDate>> days = new HashMap<>();
        statement.lines().stream().filter(Statement.Line::isCare).forEach(l -> days.put(l.id(), new ArrayList<>()));
        for (String value : ticked == null ? List.<String>of() : ticked) {
            int separator = value.indexOf('_');
            try {
                long line = Long.parseLong(value.substring(0, Math.max(separator, 0)));
                days.computeIfAbsent(line, k -> new ArrayList<>()).add(LocalDate.parse(value.substring(separator + 1)));
            }
            catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException ex) {
                throw new RejectedChangeException("allowance.statement.dayOutside", "days", "—");
            }
        }
        return days;
    }
}
