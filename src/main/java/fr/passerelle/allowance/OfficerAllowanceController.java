package fr.passerelle.allowance;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.RejectedChangeException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Caf officer's allowance pages: a month's statements, one statement (validate, adjust), payment files. */
@Controller
@RequestMapping("/officer/allowance")
class OfficerAllowanceController {

    private final Statements statements;
    private final Clock clock;

    OfficerAllowanceController(Statements statements, Clock clock) {
        this.statements = statements;
        this.clock = clock;
    }

    @GetMapping
    String month(@AuthenticationPrincipal CurrentUser officer, @RequestParam(required = false) YearMonth month,
            Model model) {
        requireCaf(officer);
        YearMonth shown = month == null ? YearMonth.now(clock).minusMonths(1) : month;
        model.addAttribute("month", shown);
        model.addAttribute("previous", shown.minusMonths(1));
        model.addAttribute("next", shown.plusMonths(1));
        model.addAttribute("statements", statements.ofMonth(officer, shown));
        model.addAttribute("exports", statements.exports(officer));
        return "allowance/officer-month";
    }

    @GetMapping("/statements/{id}")
    String show(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id, Model model) {
        requireCaf(officer);
        model.addAttribute("statement", statements.get(officer, id));
        return "allowance/officer-statement";
    }

    @PostMapping("/statements/{id}/validate")
    String validate(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id, @RequestParam long version,
            Model model, RedirectAttributes redirect) {
        requireCaf(officer);
        try {
            statements.validate(officer, id, version);
        }
        catch (RejectedChangeException ex) {
            model.addAttribute("statement", statements.get(officer, id));
            model.addAttribute("error", ex);
            return "allowance/officer-statement";
        }
        redirect.addFlashAttribute("flash", "allowance.flash.validated");
        return "redirect:/officer/allowance/statements/" + id;
    }

    @PostMapping("/statements/{id}/adjustments")
    String adjust(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id,
            @RequestParam(required = false) String amount, @RequestParam(required = false) String reason,
            Model model, RedirectAttributes redirect) {
        requireCaf(officer);
        try {
            statements.adjust(officer, id, parse(amount), reason);
        }
        catch (RejectedChangeException ex) {
            model.addAttribute("statement", statements.get(officer, id));
            model.addAttribute("error", ex);
            model.addAttribute("amount", amount);
            model.addAttribute("reason", reason);
            return "allowance/officer-statement";
        }
        redirect.addFlashAttribute("flash", "allowance.flash.adjusted");
        return "redirect:/officer/allowance/statements/" + id;
    }

    @PostMapping("/exports")
    String export(@AuthenticationPrincipal CurrentUser officer, @RequestParam YearMonth month,
            RedirectAttributes redirect) {
        requireCaf(officer);
        try {
            long id = statements.export(officer, month);
            redirect.addFlashAttribute("flash", "allowance.flash.exported");
            redirect.addFlashAttribute("exportId", id);
        }
        catch (RejectedChangeException ex) {
            redirect.addFlashAttribute("exportError", ex.getMessageCode());
        }
        return "redirect:/officer/allowance?month=" + month;
    }

    @GetMapping("/exports/{id}")
    void download(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id, HttpServletResponse response)
            throws IOException {
        requireCaf(officer);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"paiement-avip-" + id + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        statements.writeExport(officer, id, out);
    }

    private static BigDecimal parse(String amount) {
        try {
            return amount == null || amount.isBlank() ? null : new BigDecimal(amount.strip().replace(',', '.'));
        }
        catch (NumberFormatException ex) {
            throw new RejectedChangeException("allowance.adjustment.amount", "amount");
        }
    }

    private static void requireCaf(CurrentUser officer) {
        if (officer.getOrganisationKind() != OrganisationKind.CAF) {
            throw new NotFoundException();
        }
    }
}
