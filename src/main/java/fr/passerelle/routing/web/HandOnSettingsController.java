package fr.passerelle.routing.web;

import java.util.Locale;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.routing.offer.HandOnProperties;
import fr.passerelle.routing.offer.HandOnSettings;
import fr.passerelle.system.NotFoundException;
import jakarta.validation.Valid;

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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Caf administrators' automatic hand-on settings: per need, whether an expired or declined offer goes at once to
 * the next candidate, and after how many hops the officer takes over. One form per need; a bad number comes back
 * next to its field, nothing saved.
 */
@Controller
@RequestMapping("/admin/hand-on")
class HandOnSettingsController {

    private static final String VIEW = "routing/admin-hand-on";

    private final HandOnSettings settings;
    private final MessageSource messages;

    HandOnSettingsController(HandOnSettings settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping
    String show(@AuthenticationPrincipal CurrentUser admin, Model model) {
        return page(admin, model);
    }

    @PostMapping("/{need}")
    String choose(@AuthenticationPrincipal CurrentUser admin, @PathVariable String need,
            @Valid @ModelAttribute("handOnForm") HandOnForm form, BindingResult result, Model model,
            RedirectAttributes redirect, Locale locale) {
        CareNeed careNeed = need(need);
        if (result.hasErrors()) {
            model.addAttribute("errorNeed", careNeed);
            model.addAttribute("errorMessage", messages.getMessage(result.getFieldErrors().get(0), locale));
            model.addAttribute("rejectedMaxHops", result.getFieldValue("maxHops"));
            model.addAttribute("rejectedAutomatic", form.isAutomatic());
            return page(admin, model);
        }
        try {
            settings.choose(admin, careNeed, form.isAutomatic(), form.getMaxHops(), form.getVersion());
            redirect.addFlashAttribute("flash", "routing.handOn.settings.saved");
        }
        catch (ConcurrencyFailureException | DataIntegrityViolationException ex) {
            redirect.addFlashAttribute("error", "routing.handOn.settings.concurrent");
        }
        return "redirect:/admin/hand-on";
    }

    private String page(CurrentUser admin, Model model) {
        model.addAttribute("settings", settings.forCaf(admin));
        model.addAttribute("maxHopsLimit", HandOnProperties.MAX_HOPS_LIMIT);
        return VIEW;
    }

    private static CareNeed need(String need) {
        for (CareNeed value : CareNeed.values()) {
            if (value.name().equals(need)) {
                return value;
            }
        }
        throw new NotFoundException();
    }
}
