package fr.passerelle.privacy.web;

import fr.passerelle.privacy.RetentionProperties;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** "Données personnelles": the notice every page's footer links to, signed in or not. */
@Controller
class PrivacyNoticeController {

    private final RetentionProperties retention;

    PrivacyNoticeController(RetentionProperties retention) {
        this.retention = retention;
    }

    @GetMapping("/privacy")
    String notice(Model model) {
        model.addAttribute("retention", retention);
        return "privacy/notice";
    }
}
