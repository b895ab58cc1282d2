package fr.passerelle.notification.web;

import fr.passerelle.organisation.CurrentUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

/**
 * The bell of the header: every page of a signed-in person gets {@value #ATTRIBUTE}, their unread count. It is lazy:
 * the one query runs only when a page with the layout is rendered, not for a POST that redirects nor for an htmx
 * fragment, and never for anonymous pages.
 */
@ControllerAdvice
class NotificationBell {

    /** The model attribute the layout reads: a {@link CappedCount}. */
    static final String ATTRIBUTE = "unreadNotifications";

    private final NotificationInbox inbox;

    NotificationBell(NotificationInbox inbox) {
        this.inbox = inbox;
    }

    @ModelAttribute
    void unreadNotifications(@AuthenticationPrincipal CurrentUser user, Model model) {
        if (user == null) {
            return;
        }
        long recipientId = user.getUserId();
        model.addAttribute(ATTRIBUTE, new LazyContextVariable<CappedCount>() {
            @Override
            protected CappedCount loadValue() {
                return inbox.unreadCount(recipientId);
            }
        });
    }
}
