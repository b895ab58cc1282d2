package fr.passerelle.notification.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' outbox page (under /admin, so reserved to them): emails by status, and retrying failed ones. */
@Controller
@RequestMapping("/admin/notifications")
class AdminOutboxController {

    private static final String FAILED_TAB = "redirect:/admin/notifications?status=FAILED";

    private final AdminOutbox outbox;
    private final boolean mailServerConfigured;

    AdminOutboxController(AdminOutbox outbox, @Value("${spring.mail.host:}") String mailHost) {
        this.outbox = outbox;
        this.mailServerConfigured = StringUtils.hasText(mailHost);
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "PENDING") OutboxTab status, @RequestParam(required = false) Long before,
            Model model) {
        model.addAttribute("status", status);
        model.addAttribute("tabs", OutboxTab.values());
        model.addAttribute("counts", outbox.unsentCounts());
        model.addAttribute("page", outbox.page(status, before));
        model.addAttribute("mailServerConfigured", mailServerConfigured);
        return "notification/admin/outbox";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        boolean retried = outbox.retry(id);
        redirect.addFlashAttribute("flash", retried ? "admin.outbox.flash.retried" : "admin.outbox.flash.not-failed");
        return FAILED_TAB;
    }

    @PostMapping("/retry-failed")
    String retryAllFailed(RedirectAttributes redirect) {
        outbox.retryAllFailed();
        redirect.addFlashAttribute("flash", "admin.outbox.flash.all-retried");
        return FAILED_TAB;
    }
}
