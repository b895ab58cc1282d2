package fr.passerelle.statistics.web;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.statistics.StatisticsNotAllowedException;
import fr.passerelle.statistics.StatisticsScope;
import fr.passerelle.statistics.UnmetNeeds;
import fr.passerelle.system.Csv;
import fr.passerelle.territory.CommuneDirectory;
import fr.passerelle.territory.CommuneResolution;
import fr.passerelle.territory.Epci;
import fr.passerelle.territory.TerritoryDirectory;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The unmet needs export for communes ({@code /statistics/unmet-needs.csv}): for a Caf's administrators only, scoped
 * to its département; anyone else gets 403. A request that does not hold gets the form back with each error next to
 * its field (400), and no file. The form is also on the statistics page, and alone at {@code /statistics/unmet-needs}.
 */
@Controller
class UnmetNeedsController {

    /** Labels and headers are French whatever the reader's language: the file goes to French communes. */
    private static final Locale FILE_LOCALE = Locale.FRENCH;

    private final UnmetNeeds unmetNeeds;
    private final CommuneDirectory communes;
    private final TerritoryDirectory territory;
    private final MessageSource messages;
    private final Clock clock;

    UnmetNeedsController(UnmetNeeds unmetNeeds, CommuneDirectory communes, TerritoryDirectory territory,
            MessageSource messages, Clock clock) {
        this.unmetNeeds = unmetNeeds;
        this.communes = communes;
        this.territory = territory;
        this.messages = messages;
        this.clock = clock;
    }

    /** Whether this user may export unmet needs: an administrator of a Caf, whose département the export covers. */
    static boolean allowed(CurrentUser user) {
        return user.getRole() == Role.ADMIN && user.getOrganisationKind() == OrganisationKind.CAF
                && user.getDepartementCode() != null;
    }

    /**
     * The form as first shown: these months (the statistics page's period; the last 12 on the form's own page), the
     * last {@value UnmetNeeds#MAX_MONTHS} of them at most.
     */
    static UnmetNeedsForm defaults(YearMonth from, YearMonth to) {
        UnmetNeedsForm form = new UnmetNeedsForm();
        YearMonth first = from.isBefore(to.minusMonths(UnmetNeeds.MAX_MONTHS - 1))
                ? to.minusMonths(UnmetNeeds.MAX_MONTHS - 1) : from;
        form.setFrom(first.toString());
        form.setTo(to.toString());
        return form;
    }

    @GetMapping("/statistics/unmet-needs")
    String form(@AuthenticationPrincipal CurrentUser user, Model model) {
        requireAllowed(user);
        YearMonth current = YearMonth.now(clock);
        model.addAttribute("unmetNeedsForm", defaults(current.minusMonths(11), current));
        return "statistics/unmet-needs";
    }

    @GetMapping("/statistics/unmet-needs.csv")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal CurrentUser user,
            @ModelAttribute("unmetNeedsForm") UnmetNeedsForm form, BindingResult result) throws BindException {
        StatisticsScope scope = requireAllowed(user);
        UnmetNeedsForm.Months months = form.resolve(YearMonth.now(clock), result);
        String communeCode = null;
        String epciCode = null;
        if (!result.hasFieldErrors("commune") && form.commune() != null) {
            communeCode = commune(form, scope, result);
        }
        if (!result.hasFieldErrors("commune") && form.epci() != null) {
            epciCode = epci(form, scope, result);
        }
        if (result.hasErrors()) {
            throw new BindException(result);
        }
        List<UnmetNeeds.Row> rows = unmetNeeds.rows(scope, months.from(), months.to(), epciCode, communeCode);
        int min = unmetNeeds.minFamilies();
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            Csv csv = new Csv(writer);
            csv.row(UnmetNeeds.HEADERS);
            for (UnmetNeeds.Row row : rows) {
                csv.row(Arrays.asList(row.month().toString(), row.communeCode(), row.communeName(), row.epciCode(),
                        row.epciName(), row.need() == null ? null : text("referral.need." + row.need()),
                        text("statistics.unmetNeeds.band." + row.band()),
                        row.withoutSolution().text(FILE_LOCALE, min), row.declined().text(FILE_LOCALE, min)));
            }
            writer.flush();
        };
        String place = communeCode != null ? "-" + communeCode : epciCode != null ? "-" + epciCode : "";
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("besoins-non-satisfaits-" + scope.departementCode() + place + "-" + months.from()
                                + "-" + months.to() + ".csv")
                        .build().toString())
                .body(body);
    }

    /** A request that does not hold: the form again, each error next to its field, and no file. */
    @ExceptionHandler(BindException.class)
    ModelAndView rejected(BindException ex) {
        ModelAndView page = new ModelAndView("statistics/unmet-needs", ex.getModel());
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }

    /** The commune typed or picked, if it is one commune of the Caf's département (the form then shows its label). */
    private String commune(UnmetNeedsForm form, StatisticsScope scope, BindingResult result) {
        CommuneResolution resolution = communes.resolve(form.commune());
        if (resolution instanceof CommuneResolution.Found found) {
            if (!found.commune().departementCode().equals(scope.departementCode())) {
                result.rejectValue("commune", "statistics.unmetNeeds.commune.outside");
                return null;
            }
            form.setCommune(found.commune().label());
            return found.commune().inseeCode();
        }
        result.rejectValue("commune", resolution instanceof CommuneResolution.Ambiguous
                ? "statistics.unmetNeeds.commune.ambiguous" : "statistics.unmetNeeds.commune.unknown");
        return null;
    }

    /** The EPCI typed or picked, if it is one EPCI with communes in the Caf's département. */
    private String epci(UnmetNeedsForm form, StatisticsScope scope, BindingResult result) {
        List<Epci> candidates = territory.resolveEpci(form.epci(), 2);
        if (candidates.size() != 1) {
            result.rejectValue("epci", candidates.isEmpty() ? "statistics.unmetNeeds.epci.unknown"
                    : "statistics.unmetNeeds.epci.ambiguous");
            return null;
        }
        Epci epci = candidates.get(0);
        if (!unmetNeeds.epciInDepartement(epci.code(), scope.departementCode())) {
            result.rejectValue("epci", "statistics.unmetNeeds.epci.outside");
            return null;
        }
        form.setEpci(epci.label());
        return epci.code();
    }

    private static StatisticsScope requireAllowed(CurrentUser user) {
        if (!allowed(user)) {
            throw new StatisticsNotAllowedException();
        }
        return StatisticsScope.of(user);
    }

    private String text(String code) {
        return messages.getMessage(code, null, FILE_LOCALE);
    }
}
