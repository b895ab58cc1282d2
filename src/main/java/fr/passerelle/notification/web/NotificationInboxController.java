package fr.passerelle.notification.web;

import fr.passerelle.organisation.CurrentUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The page behind the bell, for every role: one's own notifications, opening one, marking them all read. */
@Controller
@RequestMapping("/notifications")
class NotificationInboxController {

    private static final String LIST = "/notifications";

    private final NotificationInbox inbox;

    NotificationInboxController(NotificationInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long before,
            Model model) {
        model.addAttribute("page", inbox.page(user.getUserId(), before));
        return "notification/inbox";
    }

    /** Marks it read and goes where it leads; one without a link (or with an unsafe one) stays on the list. */
    @PostMapping("/{id}/open")
    String open(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return "redirect:" + inbox.open(user.getUserId(), id).filter(NotificationInboxController::isLocalPath)
                .orElse(LIST);
    }

    @PostMapping("/read-all")
    String readAll(@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        inbox.markAllRead(user.getUserId());
        redirect.addFlashAttribute("flash", "notification.inbox.flash.all-read");
        return "redirect:" + LIST;
    }

    /**
     * The database only checks that a link starts with '/': "//host" or "/\host" would take the browser to another
     * site, so only a path of this application is followed.
     */
    static boolean isLocalPath(String link) {
        return link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\")
                && link.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
