package fr.passerelle.statistics.web;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.Purpose;
import fr.passerelle.statistics.AnonymisedExport;
import fr.passerelle.statistics.Breakdown;
import fr.passerelle.statistics.Figure;
import fr.passerelle.statistics.Period;
import fr.passerelle.statistics.StatTable;
import fr.passerelle.statistics.StatisticsFilter;
import fr.passerelle.statistics.StatisticsNotAllowedException;
import fr.passerelle.statistics.StatisticsScope;
import fr.passerelle.statistics.StatisticsService;
import fr.passerelle.statistics.StatisticsService.Statistics;
import fr.passerelle.system.Csv;
import fr.passerelle.system.NotFoundException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The statistics page ({@code /statistics}) of Caf officers, administrators and advisors, each table's CSV export
 * with the same filters, and the administrators' anonymised dataset. Providers are refused (403).
 */
@Controller
class StatisticsController {

    private final StatisticsService statistics;
    private final AnonymisedExport anonymisedExport;

    StatisticsController(StatisticsService statistics, AnonymisedExport anonymisedExport) {
        this.statistics = statistics;
        this.anonymisedExport = anonymisedExport;
    }

    @GetMapping("/statistics")
    String page(@AuthenticationPrincipal CurrentUser user,
            @ModelAttribute("statisticsFilter") StatisticsFilter filter, BindingResult result,
            Locale locale, Model model) {
        StatisticsScope scope = StatisticsScope.of(user);
        Period period = filter.resolve(statistics.today(), result);
        Statistics figures = statistics.statistics(scope, filter, period, locale);
        filter.setBy(figures.breakdown());
        model.addAttribute("statistics", figures);
        model.addAttribute("caf", scope.caf());
        model.addAttribute("admin", user.getRole() == Role.ADMIN);
        model.addAttribute("periods", StatisticsFilter.PeriodChoice.values());
        model.addAttribute("trends", Period.Trend.values());
        model.addAttribute("breakdowns", Arrays.stream(Breakdown.values())
                .filter(b -> scope.caf() || b != Breakdown.PRESCRIBER).toList());
        model.addAttribute("needs", CareNeed.values());
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("query", exportQuery(filter, period, figures.breakdown()));
        if (UnmetNeedsController.allowed(user)) {
            // The unmet needs export's form, on the page's months (at most 24 of them).
            model.addAttribute("unmetNeedsForm", UnmetNeedsController.defaults(YearMonth.from(period.from()),
                    YearMonth.from(period.to())));
        }
        // Nothing on the page is swapped by htmx: 17 KB less on a first view, which Chart.js makes the heaviest.
        model.addAttribute("withoutHtmx", true);
        return "statistics/page";
    }

    /** One table as CSV, with the filters of the page it was on. */
    @GetMapping("/statistics/{table}.csv")
    ResponseEntity<StreamingResponseBody> table(@AuthenticationPrincipal CurrentUser user, @PathVariable String table,
            @ModelAttribute("statisticsFilter") StatisticsFilter filter, BindingResult result, Locale locale) {
        StatisticsScope scope = StatisticsScope.of(user);
        Period period = filter.resolve(statistics.today(), result);
        Statistics figures = statistics.statistics(scope, filter, period, locale);
        StatTable found = figures.tables().get(table);
        if (found == null) {
            throw new NotFoundException();
        }
        int min = figures.minFamilies();
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            Csv csv = new Csv(writer);
            List<String> header = new ArrayList<>();
            header.add(found.labelHeader());
            header.addAll(found.columns());
            csv.row(header);
            for (StatTable.Row row : found.rows()) {
                List<String> fields = new ArrayList<>();
                fields.add(row.label());
                for (Figure figure : row.figures()) {
                    fields.add(figure.text(locale, min));
                }
                csv.row(fields);
            }
            writer.flush();
        };
        return csv("statistiques-" + table + "-" + period.from() + "-" + period.to() + ".csv", body);
    }

    /** The administrators' anonymised one-row-per-referral dataset of their Caf's territory, streamed. */
    @GetMapping("/statistics/referrals-anonymised.csv")
    ResponseEntity<StreamingResponseBody> anonymised(@AuthenticationPrincipal CurrentUser user,
            @ModelAttribute("statisticsFilter") StatisticsFilter filter, BindingResult result) {
        if (user.getRole() != Role.ADMIN) {
            throw new StatisticsNotAllowedException();
        }
        StatisticsScope scope = StatisticsScope.of(user);
        Period period = filter.resolve(statistics.today(), result);
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            Csv csv = new Csv(writer);
            csv.row(AnonymisedExport.HEADERS);
            anonymisedExport.export(scope, period, csv::row);
            writer.flush();
        };
        return csv("orientations-anonymisees-" + period.from() + "-" + period.to() + ".csv", body);
    }

    private static ResponseEntity<StreamingResponseBody> csv(String filename, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename).build().toString())
                .body(body);
    }

    /** The filters as a query string for the export links: the period resolved, so that the file matches the page. */
    private static String exportQuery(StatisticsFilter filter, Period period, Breakdown breakdown) {
        StringBuilder query = new StringBuilder("period=CUSTOM&from=").append(period.from()).append("&to=")
                .append(period.to()).append("&trend=").append(period.trend().name()).append("&by=")
                .append(breakdown.name());
        if (filter.getNeed() != null) {
            query.append("&need=").append(filter.getNeed().name());
        }
        if (filter.getPurpose() != null) {
            query.append("&purpose=").append(filter.getPurpose().name());
        }
        return query.toString();
    }
}
