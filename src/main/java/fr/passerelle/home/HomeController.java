package fr.passerelle.home;

import fr.passerelle.notification.web.AdminOutbox;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.routing.queue.RoutingQueues;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Sends each signed-in user to the home page of their role. */
@Controller
class HomeController {

    private final HomeSummaries summaries;
    private final RoutingQueues queues;
    private final AdminOutbox outbox;

    HomeController(HomeSummaries summaries, RoutingQueues queues, AdminOutbox outbox) {
        this.summaries = summaries;
        this.queues = queues;
        this.outbox = outbox;
    }

    @GetMapping("/")
    String root(@AuthenticationPrincipal CurrentUser user) {
        return "redirect:" + user.getRole().homePath();
    }

    @GetMapping("/advisor")
    String advisorHome() {
        return "home/advisor";
    }

    @GetMapping("/officer")
    String officerHome(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("territory", summaries.territory(user.getDepartementCode()));
        model.addAttribute("counts", queues.officerCounts(user));
        return "home/officer";
    }

    @GetMapping("/provider")
    String providerHome(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("offerCounts", queues.providerCounts(user));
        return "home/provider";
    }

    @GetMapping("/admin")
    String adminHome(Model model) {
        model.addAttribute("organisationCounts", summaries.activeOrganisationsByKind());
        model.addAttribute("userCount", summaries.enabledUserCount());
        model.addAttribute("emailCounts", outbox.unsentCounts());
        return "home/admin";
    }
}
