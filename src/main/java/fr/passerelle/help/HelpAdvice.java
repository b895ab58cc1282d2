package fr.passerelle.help;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the Caf's contact, which the layout's footer shows. */
@ControllerAdvice
class HelpAdvice {

    private final HelpProperties properties;

    HelpAdvice(HelpProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute("cafContact")
    HelpProperties cafContact() {
        return properties;
    }
}
