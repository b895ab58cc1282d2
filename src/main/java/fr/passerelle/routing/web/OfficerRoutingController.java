package fr.passerelle.routing.web;

import java.util.List;
import java.util.Locale;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.IllegalReferralTransitionException;
import fr.passerelle.referral.NoSolutionReason;
import fr.passerelle.referral.ReferralViewed;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.matching.Candidate;
import fr.passerelle.routing.matching.Route;
import fr.passerelle.routing.offer.AutomaticHandOn;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.routing.refusal.CandidateExcludedException;
import fr.passerelle.routing.refusal.RoutingException;
import fr.passerelle.routing.web.OfficerRoutingPages.RoutingPage;
import jakarta.validation.Valid;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
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
 * The Caf officer's routing: the queues of referrals to route and of offers waiting for an answer, and a referral's
 * routing page, where the officer sends an offer to one ranked candidate or records that there is no solution.
 * The backbone decides; refusals come back as a French message on the routing page, never as an error page.
 */
@Controller
@RequestMapping("/officer")
class OfficerRoutingController {

    /** How many candidates and excluded providers a routing page shows at first, and adds at each "more". */
    static final int SHOWN_STEP = 10;
    static final int SHOWN_MAX = 1000;

    private static final Logger log = LoggerFactory.getLogger(OfficerRoutingController.class);

    private static final String ROUTING_VIEW = "routing/officer-routing";

    private final OfficerRoutingPages pages;
    private final OfferService offers;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final AutomaticHandOn handOn;

    OfficerRoutingController(OfficerRoutingPages pages, OfferService offers,
            MessageSource messages, ApplicationEventPublisher events, AutomaticHandOn handOn) {
        this.handOn = handOn;
        this.events = events;
        this.pages = pages;
        this.offers = offers;
        this.messages = messages;
    }

    @ModelAttribute("noSolutionReasons")
    NoSolutionReason[] noSolutionReasons() {
        return NoSolutionReason.values();
    }

    @GetMapping("/routing")
    String queues(@AuthenticationPrincipal CurrentUser officer, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "0") int offersPage, @RequestParam(defaultValue = "0") int carePage,
            Model model) {
        // Each list clamps its own page number to its last page (system.Pages).
        OfficerRoutingPages.QueuesPage lists = pages.queues(officer, page, offersPage, carePage);
        model.addAttribute("toRoute", lists.toRoute());
        model.addAttribute("pending", lists.pending());
        model.addAttribute("arranged", lists.arranged());
        return "routing/officer-queues";
    }

    @GetMapping("/referrals/{id}/routing")
    String routing(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id,
            @RequestParam(defaultValue = "" + SHOWN_STEP) int shown, Model model) {
        model.addAttribute("noSolutionForm", new NoSolutionForm());
        return show(officer, id, Math.min(Math.max(shown, SHOWN_STEP), SHOWN_MAX), model);
    }

    @PostMapping("/referrals/{id}/offers")
    String sendOffer(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id,
            @Valid @ModelAttribute("offerForm") OfferForm form, BindingResult result, Model model,
            RedirectAttributes redirect, Locale locale) {
        pages.requireRoutingPage(officer, id);
        ProviderRef provider = null;
        if (!result.hasFieldErrors("provider")) {
            try {
                provider = ProviderRef.parse(form.getProvider());
            }
            catch (IllegalArgumentException ex) {
                result.rejectValue("provider", "routing.officer.offer.unknownProvider", "unknown provider");
            }
        }
        if (result.hasErrors()) {
            // Several forms share the page: the error goes next to the message of the candidate it was sent for, or
            // at the top when the candidate itself is wrong.
            if (result.hasFieldErrors("provider")) {
                model.addAttribute("error", "routing.officer.offer.unknownProvider");
            }
            else {
                model.addAttribute("offerError", messages.getMessage(result.getFieldError("message"), locale));
            }
            model.addAttribute("noSolutionForm", new NoSolutionForm());
            return show(officer, id, model);
        }
        try {
            offers.sendOffer(officer, id, provider, blankToNull(form.getMessage()));
            redirect.addFlashAttribute("flash", "routing.officer.flash.offerSent");
        }
        catch (CandidateExcludedException ex) {
            redirect.addFlashAttribute("error", ex.getMessageCode());
            redirect.addFlashAttribute("errorReasons", ex.getExclusions());
        }
        catch (RoutingException ex) {
            redirect.addFlashAttribute("error", ex.getMessageCode());
        }
        catch (IllegalReferralTransitionException ex) {
            redirect.addFlashAttribute("error", "routing.officer.error.notRoutable");
        }
        catch (DataIntegrityViolationException | ConcurrencyFailureException ex) {
            // Another officer sent an offer (unique live offer per referral), changed the referral meanwhile, or holds
            // its lock (deadlock, lock timeout).
            log.info("Offer for referral {} refused: changed concurrently", id);
            redirect.addFlashAttribute("error", "routing.officer.error.concurrent");
        }
        return "redirect:/officer/referrals/" + id + "/routing";
    }

    @PostMapping("/referrals/{id}/no-solution")
    String recordNoSolution(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id,
            @Valid @ModelAttribute("noSolutionForm") NoSolutionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        pages.requireRoutingPage(officer, id);
        if (form.commentMissing() && !result.hasFieldErrors("comment")) {
            result.rejectValue("comment", "routing.officer.noSolution.comment.required");
        }
        if (result.hasErrors()) {
            return show(officer, id, model);
        }
        try {
            offers.recordNoSolution(officer, id, form.getReason(), form.getComment());
            redirect.addFlashAttribute("flash", "routing.officer.flash.noSolution");
        }
        catch (IllegalReferralTransitionException ex) {
            redirect.addFlashAttribute("error", "routing.officer.error.notRoutable");
        }
        catch (ConcurrencyFailureException ex) {
            redirect.addFlashAttribute("error", "routing.officer.error.concurrent");
        }
        return "redirect:/officer/referrals/" + id + "/routing";
    }

    /** Stops the referral's automatic hand-on: the next expiry or decline leaves it in the routing queue. */
    @PostMapping("/referrals/{id}/hand-on/stop")
    String stopHandOn(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id,
            @RequestParam(defaultValue = "0") long version, RedirectAttributes redirect) {
        try {
            handOn.stop(officer, id, version);
            redirect.addFlashAttribute("flash", "routing.handOn.flash.stopped");
        }
        catch (ConcurrencyFailureException ex) {
            redirect.addFlashAttribute("error", "routing.officer.error.concurrent");
        }
        return "redirect:/officer/referrals/" + id + "/routing";
    }

    private String show(CurrentUser officer, long id, Model model) {
        return show(officer, id, SHOWN_STEP, model);
    }

    /** Shows the first {@code shown} candidates and excluded providers, nearest first: a page stays light. */
    private String show(CurrentUser officer, long id, int shown, Model model) {
        RoutingPage page = pages.page(officer, id, shown);
        events.publishEvent(new ReferralViewed(id, officer.getUserId(), "OFFICER_ROUTING"));
        model.addAttribute("referral", page.referral());
        model.addAttribute("communeLabel", page.communeLabel());
        model.addAttribute("children", page.children());
        model.addAttribute("routable", page.routable());
        List<Candidate> ranked = page.candidates() == null ? List.of() : page.candidates().ranked();
        List<Candidate> excluded = page.candidates() == null ? List.of() : page.candidates().excluded();
        // The refused providers listed may be only the nearest ones, the farthest having been counted.
        int excludedTotal = page.candidates() == null ? 0 : page.candidates().excludedCount();
        model.addAttribute("ranked", ranked.subList(0, Math.min(shown, ranked.size())));
        model.addAttribute("rankedTotal", ranked.size());
        model.addAttribute("excluded", excluded.subList(0, Math.min(shown, excluded.size())));
        model.addAttribute("excludedTotal", excludedTotal);
        boolean complete = page.candidates() == null || page.candidates().complete();
        model.addAttribute("candidatesComplete", complete);
        model.addAttribute("moreShown", !complete || Math.max(ranked.size(), excludedTotal) > shown
                ? shown + SHOWN_STEP : null);
        model.addAttribute("route", Route.of(page.referral().getNeed()));
        model.addAttribute("offers", page.offers());
        model.addAttribute("handOn", page.handOn());
        model.addAttribute("currentOffer", page.currentOffer().orElse(null));
        model.addAttribute("acceptedOffer", page.acceptedOffer().orElse(null));
        model.addAttribute("messageMax", OfferForm.MESSAGE_MAX);
        model.addAttribute("commentMax", NoSolutionForm.COMMENT_MAX);
        return ROUTING_VIEW;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
