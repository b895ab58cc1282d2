package fr.passerelle.followup;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.system.Csv;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The retention and childcare aid figures of the statistics page as CSV (the page's period in the address), masked
 * as on the page (« &lt; 5 »).
 */
@Controller
class FollowUpExportController {

    private final FollowUpStatistics statistics;
    private final MessageSource messages;

    FollowUpExportController(FollowUpStatistics statistics, MessageSource messages) {
        this.statistics = statistics;
        this.messages = messages;
    }

    @GetMapping("/statistics/follow-up.csv")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal CurrentUser user,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Locale locale) {
        if (to.isBefore(from)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        FollowUpStatistics.Figures figures = statistics.figures(user, from, to);
        if (figures == null) {
            throw new AccessDeniedException("No statistics for this user");
        }
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            Csv csv = new Csv(writer);
            csv.row(List.of(text("followUp.statistics.milestone", locale), text("followUp.statistics.due", locale),
                    text("followUp.answer.CONTINUING", locale), text("followUp.answer.ENDED_EARLY", locale),
                    text("followUp.answer.UNKNOWN", locale), text("followUp.statistics.notAnswered", locale)));
            for (FollowUpStatistics.Retention r : figures.retention()) {
                List<String> row = new ArrayList<>();
                row.add(text("followUp.milestone." + r.milestone(), locale));
                for (FollowUpStatistics.Count c : List.of(r.due(), r.continuing(), r.endedEarly(), r.unknown(),
                        r.notAnswered())) {
                    row.add(value(c, figures.threshold()));
                }
                csv.row(row);
            }
            csv.row(List.of());
            csv.row(List.of(text("childcareAid.statistics.title", locale), ""));
            csv.row(List.of(text("childcareAid.statistics.eligible", locale),
                    value(figures.aid().eligible(), figures.threshold())));
            csv.row(List.of(text("childcareAid.statistics.requested", locale),
                    value(figures.aid().requested(), figures.threshold())));
            for (Map.Entry<NotRequestedReason, FollowUpStatistics.Count> e : figures.aid().notRequested().entrySet()) {
                csv.row(List.of(messages.getMessage("childcareAid.statistics.notRequested",
                        new Object[] {text("childcareAid.reason." + e.getKey(), locale)}, locale),
                        value(e.getValue(), figures.threshold())));
            }
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("statistiques-suivi-" + from + "-" + to + ".csv").build().toString())
                .body(body);
    }

    private String text(String code, Locale locale) {
        return messages.getMessage(code, null, locale);
    }

    private static String value(FollowUpStatistics.Count count, int threshold) {
        return count.masked() ? "< " + threshold : Long.toString(count.value());
    }
}
