package fr.passerelle.routing.web;

import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.ParentContactViewed;
import fr.passerelle.routing.offer.AnswerRefusals;
import fr.passerelle.routing.offer.DeclineForm;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.routing.offer.OfferViews;
import fr.passerelle.routing.offer.ProviderOffer;
import fr.passerelle.routing.queue.RoutingQueues;
import jakarta.validation.Valid;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The provider's offers: the list by status, one offer with only what is needed to decide, and the answer (accept,
 * or decline with a reason). Scoping to the provider's organisation is done by {@link OfferViews} and
 * {@link OfferService}: an offer of another organisation is not found.
 */
@Controller
@RequestMapping("/provider/offers")
class ProviderOfferController {

    /** The tabs of the list; cancelled offers (the referral was withdrawn) are not a provider's concern. */
    static final List<OfferStatus> TABS = List.of(OfferStatus.PENDING, OfferStatus.ACCEPTED, OfferStatus.DECLINED,
            OfferStatus.EXPIRED);

    private static final String LIST_VIEW = "routing/provider/offers";
    private static final String OFFER_VIEW = "routing/provider/offer";

    private final OfferViews views;
    private final OfferService offers;
    private final RoutingQueues queues;
    private final ApplicationEventPublisher events;

    ProviderOfferController(OfferViews views, OfferService offers, RoutingQueues queues,
            ApplicationEventPublisher events) {
        this.events = events;
        this.views = views;
        this.offers = offers;
        this.queues = queues;
    }

    @ModelAttribute("declineReasons")
    DeclineReason[] declineReasons() {
        return DeclineReason.values();
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser provider,
            @RequestParam(defaultValue = "PENDING") OfferStatus status, @RequestParam(defaultValue = "0") int page,
            Model model) {
        if (!TABS.contains(status)) {
            // Cancelled offers are not shown to providers: an unknown tab is the first one.
            status = OfferStatus.PENDING;
        }
        model.addAttribute("status", status);
        model.addAttribute("tabs", TABS);
        model.addAttribute("page", views.forProvider(provider, status, page));
        model.addAttribute("pendingCount", queues.providerPendingCount(provider));
        return LIST_VIEW;
    }

    @GetMapping("/{id}")
    String show(@AuthenticationPrincipal CurrentUser provider, @PathVariable long id, Model model) {
        model.addAttribute("declineForm", new DeclineForm());
        return show(provider, id, model, null);
    }

    @PostMapping("/{id}/accept")
    String accept(@AuthenticationPrincipal CurrentUser provider, @PathVariable long id, Model model,
            RedirectAttributes redirect) {
        String error = answer(() -> offers.accept(provider, id));
        if (error == null) {
            redirect.addFlashAttribute("flash", "routing.provider.flash.accepted");
            return "redirect:/provider/offers/" + id;
        }
        model.addAttribute("declineForm", new DeclineForm());
        return show(provider, id, model, error);
    }

    @PostMapping("/{id}/decline")
    String decline(@AuthenticationPrincipal CurrentUser provider, @PathVariable long id,
            @Valid @ModelAttribute("declineForm") DeclineForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (form.getReason() == DeclineReason.OTHER && form.trimmedComment() == null
                && !result.hasFieldErrors("comment")) {
            result.rejectValue("comment", "routing.provider.decline.commentRequired");
        }
        if (result.hasErrors()) {
            // The offer must still be the user's: another organisation's id is not found, even with a bad form.
            return show(provider, id, model, null);
        }
        String error = answer(() -> offers.decline(provider, id, form.getReason(), form.trimmedComment()));
        if (error == null) {
            redirect.addFlashAttribute("flash", "routing.provider.flash.declined");
            return "redirect:/provider/offers";
        }
        return show(provider, id, model, error);
    }

    /** Runs an answer to an offer: {@code null} when it was recorded, else the message code of the refusal. */
    private static String answer(Runnable action) {
        try {
            action.run();
            return null;
        }
        catch (RuntimeException ex) {
            return AnswerRefusals.messageCode(ex).orElseThrow(() -> ex);
        }
    }

    private String show(CurrentUser provider, long id, Model model, String error) {
        ProviderOffer offer = views.forProvider(provider, id);
        if (offer != null && offer.parentContact().isPresent()) {
            events.publishEvent(new ParentContactViewed(id, provider.getUserId()));
        }
        model.addAttribute("offer", offer);
        model.addAttribute("actionError", error);
        return OFFER_VIEW;
    }
}
