package fr.passerelle.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The administrators' read-only view of the audit trail. */
@Controller
class AuditController {

    private final AuditQueries queries;

    AuditController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/admin/audit")
    String list(@ModelAttribute("filter") AuditFilter filter, Model model) {
        model.addAttribute("entityTypes", queries.entityTypes());
        model.addAttribute("page", queries.find(filter));
        return "audit/list";
    }
}
