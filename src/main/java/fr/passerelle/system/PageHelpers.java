package fr.passerelle.system;

import java.util.List;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts every {@link PageHelper} in every page's model. */
@ControllerAdvice
class PageHelpers {

    private final List<PageHelper> helpers;

    PageHelpers(List<PageHelper> helpers) {
        this.helpers = List.copyOf(helpers);
    }

    @ModelAttribute
    void addHelpers(Model model) {
        for (PageHelper helper : helpers) {
            model.addAttribute(helper.modelName(), helper);
        }
    }
}
