package fr.passerelle.territory;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Commune suggestions for a text input as the user types, through htmx: the response replaces the input's
 * {@code <datalist>}. For any signed-in user. A POST (with the CSRF token, app.js), like every suggestion and search
 * by name: what is typed never reaches a request line, hence no proxy log nor browser history.
 */
@Controller
class CommuneSuggestionController {

    static final int SUGGESTIONS = 10;

    /** The id goes back into the page: letters, digits and hyphens only, so that it cannot break out of it. */
    private static final Pattern LIST_ID = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    private final CommuneDirectory communes;

    CommuneSuggestionController(CommuneDirectory communes) {
        this.communes = communes;
    }

    @PostMapping("/communes/suggestions")
    String suggestions(@RequestParam(defaultValue = "") String q, @RequestParam("list") String listId, Model model) {
        if (!LIST_ID.matcher(listId).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Invalid datalist id");
        }
        model.addAttribute("listId", listId);
        model.addAttribute("communes", communes.search(q, SUGGESTIONS));
        return "territory/suggestions :: suggestions";
    }
}
