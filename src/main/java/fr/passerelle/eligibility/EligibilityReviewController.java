package fr.passerelle.eligibility;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralService;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.referral.ReferralViewed;
import fr.passerelle.referral.TimelineEntry;
import fr.passerelle.system.StaleDataException;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;
import jakarta.validation.Valid;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Caf officer's queue and eligibility review. */
@Controller
@RequestMapping("/officer")
class EligibilityReviewController {

    private static final String REVIEW_VIEW = "eligibility/review";

    private final EligibilityReviewService reviews;
    private final ReferralService referrals;
    private final CommuneDirectory communes;
    private final ApplicationEventPublisher events;

    EligibilityReviewController(EligibilityReviewService reviews, ReferralService referrals,
            CommuneDirectory communes, ApplicationEventPublisher events) {
        this.events = events;
        this.reviews = reviews;
        this.referrals = referrals;
        this.communes = communes;
    }

    @ModelAttribute("needs")
    CareNeed[] needs() {
        return CareNeed.values();
    }

    @ModelAttribute("purposes")
    Purpose[] purposes() {
        return Purpose.values();
    }

    @ModelAttribute("outcomes")
    DecisionOutcome[] outcomes() {
        return DecisionOutcome.values();
    }

    @ModelAttribute("reasons")
    IneligibilityReason[] reasons() {
        return IneligibilityReason.values();
    }

    @GetMapping("/queue")
    String queue(@AuthenticationPrincipal CurrentUser officer, @ModelAttribute("filter") QueueFilter filter,
            Model model) {
        var page = reviews.queue(officer, filter);
        model.addAttribute("page", page);
        model.addAttribute("communes", communeLabels(page.getContent().stream().map(Referral::getCommuneCode)));
        return "eligibility/queue";
    }

    @GetMapping("/referrals/{id}")
    String review(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id, Model model) {
        Referral referral = reviews.get(officer, id);
        DecisionForm form = new DecisionForm();
        form.setVersion(referral.getVersion());
        model.addAttribute("form", form);
        return show(officer, referral, model);
    }

    @PostMapping("/referrals/{id}/decision")
    String decide(@AuthenticationPrincipal CurrentUser officer, @PathVariable long id,
            @Valid @ModelAttribute("form") DecisionForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        try {
            if (!result.hasErrors() && reviews.decide(officer, id, form, result)) {
                redirect.addFlashAttribute("flash", "eligibility.flash." + form.getOutcome());
                if (form.getOutcome() == DecisionOutcome.ELIGIBLE) {
                    // The queue stays the next page; the routing page of the referral is one click away.
                    redirect.addFlashAttribute("routeReferralId", id);
                }
                return "redirect:/officer/queue";
            }
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            if (form.getOutcome() != null
                    && reviews.get(officer, id).getStatus().name().equals(form.getOutcome().name())) {
                // Most likely the same decision sent twice (a double click without JavaScript): the first one worked.
                redirect.addFlashAttribute("flash", "eligibility.flash." + form.getOutcome());
                return "redirect:/officer/queue";
            }
            redirect.addFlashAttribute("error", "eligibility.stale");
            return "redirect:/officer/referrals/" + id;
        }
        catch (fr.passerelle.referral.IllegalReferralTransitionException ex) {
            redirect.addFlashAttribute("error", "referral.transition.illegal");
            return "redirect:/officer/referrals/" + id;
        }
        return show(officer, reviews.get(officer, id), model);
    }

    private String show(CurrentUser officer, Referral referral, Model model) {
        events.publishEvent(new ReferralViewed(referral.getId(), officer.getUserId(), "OFFICER_REVIEW"));
        model.addAttribute("referral", referral);
        model.addAttribute("timeline",
                TimelineEntry.forViewer(referrals.timeline(referral.getId()), officer.getRole()));
        model.addAttribute("communes", communeLabels(Stream.of(referral.getCommuneCode(),
                referral.getPurposeCommuneCode())));
        model.addAttribute("decisions", reviews.decisions(referral.getId()));
        model.addAttribute("decidable", referral.getStatus() == ReferralStatus.SUBMITTED);
        if (referral.getStatus() == ReferralStatus.SUBMITTED) {
            model.addAttribute("checklist", reviews.checklist(officer, referral));
            model.addAttribute("parameters", reviews.parameters(officer, referral));
        }
        return REVIEW_VIEW;
    }

    private Map<String, Commune> communeLabels(Stream<String> codes) {
        Collection<String> wanted = codes.filter(Objects::nonNull).distinct().toList();
        return wanted.isEmpty() ? Map.of() : communes.findAllByInseeCodes(wanted);
    }
}
