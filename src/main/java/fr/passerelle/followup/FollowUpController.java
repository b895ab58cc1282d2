package fr.passerelle.followup;

import java.time.Clock;
import java.time.LocalDate;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.Referral;
import fr.passerelle.referral.ReferralService;
import fr.passerelle.system.StaleDataException;

import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The advisor answers a follow-up and records the childcare aid, on the referral's page. A form error goes back to
 * the page (post, redirect, get) with the messages next to the fields and nothing saved.
 */
@Controller
@RequestMapping("/advisor/referrals/{id}")
class FollowUpController {

    private static final String ERRORS = BindingResult.MODEL_KEY_PREFIX;

    private final ReferralService referrals;
    private final FollowUps followUps;
    private final ChildcareAid childcareAid;
    private final Clock clock;

    FollowUpController(ReferralService referrals, FollowUps followUps, ChildcareAid childcareAid, Clock clock) {
        this.referrals = referrals;
        this.followUps = followUps;
        this.childcareAid = childcareAid;
        this.clock = clock;
    }

    @PostMapping("/follow-up")
    String answer(@AuthenticationPrincipal CurrentUser advisor, @PathVariable long id,
            @Valid @ModelAttribute("followUpForm") FollowUpForm form, BindingResult result,
            RedirectAttributes redirect) {
        referrals.get(advisor, id);
        if (form.getAnswer() == FollowUpAnswer.ENDED_EARLY && form.getEndReason() == null) {
            result.rejectValue("endReason", "followUp.endReason.required");
        }
        if (form.getFollowUpId() == null || form.getVersion() == null) {
            redirect.addFlashAttribute("error", "followUp.stale");
            return page(id);
        }
        if (result.hasErrors()) {
            redirect.addFlashAttribute("followUpForm", form);
            redirect.addFlashAttribute(ERRORS + "followUpForm", result);
            return page(id) + "#follow-up";
        }
        try {
            FollowUps.Answered answered = followUps.answer(advisor, id, form.getFollowUpId(), form.getVersion(),
                    form.getAnswer(), form.getEndReason(), form.getComment());
            redirect.addFlashAttribute("flash", answered == FollowUps.Answered.RECORDED ? "followUp.flash.recorded"
                    : "followUp.flash.alreadyAnswered");
        }
        catch (StaleDataException ex) {
            redirect.addFlashAttribute("error", "followUp.stale");
        }
        return page(id);
    }

    @PostMapping("/childcare-aid")
    String childcareAid(@AuthenticationPrincipal CurrentUser advisor, @PathVariable long id,
            @Valid @ModelAttribute("childcareAidForm") ChildcareAidForm form, BindingResult result,
            RedirectAttributes redirect) {
        Referral referral = referrals.get(advisor, id);
        if (Boolean.TRUE.equals(form.getRequested())) {
            if (form.getRequestedOn() == null && !result.hasFieldErrors("requestedOn")) {
                result.rejectValue("requestedOn", "childcareAid.requestedOn.required");
            }
            else if (form.getRequestedOn() != null && form.getRequestedOn().isAfter(LocalDate.now(clock))) {
                result.rejectValue("requestedOn", "childcareAid.requestedOn.future");
            }
        }
        else if (Boolean.FALSE.equals(form.getRequested()) && form.getReason() == null) {
            result.rejectValue("reason", "childcareAid.reason.required");
        }
        if (result.hasErrors()) {
            redirect.addFlashAttribute("childcareAidForm", form);
            redirect.addFlashAttribute(ERRORS + "childcareAidForm", result);
            return page(id) + "#childcare-aid";
        }
        try {
            childcareAid.save(advisor, referral, form.getVersion(), form.getRequested(), form.getRequestedOn(),
                    form.getReason(), form.getComment());
            redirect.addFlashAttribute("flash", "childcareAid.flash.recorded");
        }
        catch (StaleDataException ex) {
            redirect.addFlashAttribute("error", "childcareAid.stale");
        }
        catch (IllegalStateException ex) {
            redirect.addFlashAttribute("error", "childcareAid.closed");
        }
        return page(id);
    }

    private static String page(long id) {
        return "redirect:/advisor/referrals/" + id;
    }
}
