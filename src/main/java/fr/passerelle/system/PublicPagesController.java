package fr.passerelle.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages anyone may read without signing in: the accessibility statement (RGAA), linked from the footer of every
 * page, and {@code robots.txt}, which asks robots to index nothing (a back office).
 */
@Controller
class PublicPagesController {

    /** The accessibility statement's address, also allowed to anonymous visitors by the security configuration. */
    static final String ACCESSIBILITY_PATH = "/accessibilite";

    private final String contactEmail;

    PublicPagesController(@Value("${passerelle.accessibility.contact-email}") String contactEmail) {
        this.contactEmail = contactEmail;
    }

    @GetMapping(ACCESSIBILITY_PATH)
    String accessibilityStatement(Model model) {
        model.addAttribute("contactEmail", contactEmail);
        return "system/accessibility";
    }

    @GetMapping(value = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> robots() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePublic())
                .body("User-agent: *\nDisallow: /\n");
    }
}
