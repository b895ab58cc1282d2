package fr.passerelle.audit;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The administrators' read-only view of the audit trail. */
@Controller
class AuditController {

    private final AuditQueries queries;
    private final Clock clock;

    AuditController(AuditQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * A filter that does not bind (an unknown type, a day that does not exist such as 2025-02-30) is said next to its
     * field and left out: the page still lists the trail, never a 400 or a 500.
     */
    @GetMapping("/admin/audit")
    String list(@ModelAttribute("filter") AuditFilter filter, BindingResult result, Model model) {
        filter.clampDates(LocalDate.now(clock), result);
        model.addAttribute("entityTypes", AuditedEntity.values());
        model.addAttribute("page", queries.find(filter));
        return "audit/list";
    }
}
