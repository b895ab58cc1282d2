package fr.passerelle.territory;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * EPCI suggestions for a text input as the user types (app.js, {@code data-suggest-url}): the response replaces the
 * input's {@code <datalist>}. For any signed-in user; a POST, as commune suggestions, so that what is typed stays
 * out of URLs.
 */
@Controller
class EpciSuggestionController {

    static final int SUGGESTIONS = 10;

    /** The id goes back into the page: letters, digits and hyphens only, so that it cannot break out of it. */
    private static final Pattern LIST_ID = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    private final TerritoryDirectory territory;

    EpciSuggestionController(TerritoryDirectory territory) {
        this.territory = territory;
    }

    @PostMapping("/epcis/suggestions")
    String suggestions(@RequestParam(defaultValue = "") String q, @RequestParam("list") String listId, Model model) {
        if (!LIST_ID.matcher(listId).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Invalid datalist id");
        }
        model.addAttribute("listId", listId);
        model.addAttribute("epcis", territory.searchEpci(q, SUGGESTIONS));
        return "territory/epci-suggestions :: suggestions";
    }
}
