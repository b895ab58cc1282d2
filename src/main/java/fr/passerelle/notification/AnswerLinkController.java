package fr.passerelle.notification;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.offer.AnswerRefusals;
import fr.passerelle.routing.offer.DeclineForm;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

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

/**
 * The page an offer email's answer link opens, without signing in: the offer as its provider sees it before
 * accepting (never the family's identity), and the two answers. A refused link gets a page saying why (404 for a link
 * we never issued, 410 once used, expired, cancelled or answered). A recipient already signed in is sent to the usual
 * offer page.
 */
@Controller
@RequestMapping("/answer")
class AnswerLinkController {

    private static final String ANSWER_VIEW = "notification/answer";
    private static final String REFUSED_VIEW = "notification/answer-refused";
    private static final String ANSWERED_VIEW = "notification/answer-answered";

    private final AnswerByLink answers;

    AnswerLinkController(AnswerByLink answers) {
        this.answers = answers;
    }

    @ModelAttribute("declineReasons")
    DeclineReason[] declineReasons() {
        return DeclineReason.values();
    }

    @GetMapping("/{token}")
    String open(@PathVariable String token, @AuthenticationPrincipal CurrentUser signedIn, Model model,
            HttpServletResponse response) {
        model.addAttribute("declineForm", new DeclineForm());
        return page(token, signedIn, model, response, null);
    }

    @PostMapping("/{token}/accept")
    String accept(@PathVariable String token, @AuthenticationPrincipal CurrentUser signedIn, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            long offerId = answers.accept(token);
            return answered(redirect, offerId, "ACCEPTED");
        }
        catch (AnswerByLink.RefusedException ex) {
            answers.recordRefusedAnswer(token, ex.refusal().name());
            return refused(ex.refusal(), model, response);
        }
        catch (RuntimeException ex) {
            model.addAttribute("declineForm", new DeclineForm());
            return failed(token, signedIn, model, response, ex);
        }
    }

    @PostMapping("/{token}/decline")
    String decline(@PathVariable String token, @AuthenticationPrincipal CurrentUser signedIn,
            @Valid @ModelAttribute("declineForm") DeclineForm form, BindingResult result, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (form.getReason() == DeclineReason.OTHER && form.trimmedComment() == null
                && !result.hasFieldErrors("comment")) {
            result.rejectValue("comment", "routing.provider.decline.commentRequired");
        }
        if (result.hasErrors()) {
            return page(token, signedIn, model, response, null);
        }
        try {
            long offerId = answers.decline(token, form.getReason(), form.trimmedComment());
            return answered(redirect, offerId, "DECLINED");
        }
        catch (AnswerByLink.RefusedException ex) {
            answers.recordRefusedAnswer(token, ex.refusal().name());
            return refused(ex.refusal(), model, response);
        }
        catch (RuntimeException ex) {
            return failed(token, signedIn, model, response, ex);
        }
    }

    /** After an answer: thanks, and (once accepted) the way to the parent's contact, behind sign-in. */
    @GetMapping("/answered")
    String answered() {
        return ANSWERED_VIEW;
    }

    private String page(String token, CurrentUser signedIn, Model model, HttpServletResponse response,
            String error) {
        AnswerByLink.Page page = answers.open(token);
        if (page.refusal() != null) {
            return refused(page.refusal(), model, response);
        }
        if (signedIn != null && signedIn.getUserId() == page.recipientId()) {
            return "redirect:/provider/offers/" + page.offer().offerId();
        }
        model.addAttribute("offer", page.offer());
        model.addAttribute("token", token);
        model.addAttribute("actionError", error);
        return ANSWER_VIEW;
    }

    /**
     * The answer was refused by the offer (full, answered meanwhile…): audited, and the page says why, as the
     * signed-in page would. Any other failure is not a refusal and goes on to the error page.
     */
    private String failed(String token, CurrentUser signedIn, Model model, HttpServletResponse response,
            RuntimeException ex) {
        String code = AnswerRefusals.messageCode(ex).orElseThrow(() -> ex);
        answers.recordRefusedAnswer(token, code);
        return page(token, signedIn, model, response, code);
    }

    private static String answered(RedirectAttributes redirect, long offerId, String answer) {
        redirect.addFlashAttribute("answer", answer);
        redirect.addFlashAttribute("offerId", offerId);
        return "redirect:/answer/answered";
    }

    private static String refused(AnswerByLink.Refusal refusal, Model model, HttpServletResponse response) {
        response.setStatus(refusal == AnswerByLink.Refusal.INVALID ? HttpServletResponse.SC_NOT_FOUND
                : HttpServletResponse.SC_GONE);
        model.addAttribute("refusal", refusal);
        return REFUSED_VIEW;
    }
}
