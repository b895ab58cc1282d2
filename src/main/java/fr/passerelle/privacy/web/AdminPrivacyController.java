package fr.passerelle.privacy.web;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.privacy.AccessLog;
import fr.passerelle.privacy.AccessedPage;
import fr.passerelle.privacy.PersonSearch;
import fr.passerelle.privacy.Retention;
import fr.passerelle.privacy.RetentionProperties;
import fr.passerelle.privacy.RightOfAccess;
import fr.passerelle.system.Csv;
import fr.passerelle.system.NotFoundException;

import jakarta.validation.Valid;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrators' data protection pages: the retention status (what the next runs will do, the settings, the last
 * runs), the access log of one referral, and the right of access (search by POST, files to print or as CSV).
 */
@Controller
@RequestMapping("/admin/privacy")
class AdminPrivacyController {

    /** The accesses shown for one referral, newest first. */
    static final int ACCESSES_SHOWN = 500;
    static final int RUNS_SHOWN = 10;

    private final Retention retention;
    private final RetentionProperties properties;
    private final AccessLog accessLog;
    private final RightOfAccess rights;
    private final JdbcClient jdbc;
    private final Clock clock;

    AdminPrivacyController(Retention retention, RetentionProperties properties, AccessLog accessLog,
            RightOfAccess rights, JdbcClient jdbc, Clock clock) {
        this.retention = retention;
        this.properties = properties;
        this.accessLog = accessLog;
        this.rights = rights;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping
    String retention(Model model) {
        model.addAttribute("next", retention.preview(clock.instant()));
        model.addAttribute("settings", properties);
        model.addAttribute("runs", retention.lastRuns(RUNS_SHOWN));
        return "privacy/admin-retention";
    }

    /** The accesses to one referral of the administrator's territory; 404 for any other. */
    @GetMapping("/referrals/{id}/accesses")
    String accesses(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, Model model) {
        requireInTerritory(admin, id);
        model.addAttribute("referralId", id);
        model.addAttribute("accesses", accessLog.accesses(id, ACCESSES_SHOWN));
        model.addAttribute("shownMax", ACCESSES_SHOWN);
        return "privacy/admin-accesses";
    }

    /** The referral number typed in the retention page's form. */
    @GetMapping("/accesses")
    String accessesOf(@AuthenticationPrincipal CurrentUser admin, @RequestParam(required = false) String referral,
            Model model) {
        Long id = parseId(referral);
        if (id == null || !inTerritory(admin, id)) {
            model.addAttribute("accessLookupError", "privacy.accesses.notFound");
            model.addAttribute("accessLookup", referral);
            return retention(model);
        }
        return "redirect:/admin/privacy/referrals/" + id + "/accesses";
    }

    @GetMapping("/rights")
    String rightsForm(Model model) {
        model.addAttribute("search", new PersonSearch());
        return "privacy/admin-rights";
    }

    @PostMapping("/rights")
    String search(@AuthenticationPrincipal CurrentUser admin, @Valid @ModelAttribute("search") PersonSearch search,
            BindingResult result, Model model) {
        search.check(result);
        if (!result.hasErrors()) {
            List<Long> found = rights.find(admin, search);
            model.addAttribute("found", rights.held(found).stream().map(held -> new Found(held.id(),
                    held.organisationName(), held.status(), held.createdAt(), held.anonymisedAt() != null)).toList());
        }
        return "privacy/admin-rights";
    }

    /** One referral found, before any personal data is shown. */
    record Found(long id, String organisationName, String status, java.time.Instant createdAt, boolean anonymised) {
    }

    /** The file to print: everything held about the person, the access logged. */
    @PostMapping("/rights/file")
    String file(@AuthenticationPrincipal CurrentUser admin, @Valid @ModelAttribute("search") PersonSearch search,
            BindingResult result, Model model) {
        search.check(result);
        if (result.hasErrors()) {
            return "privacy/admin-rights";
        }
        model.addAttribute("held", rights.export(admin, rights.find(admin, search), AccessedPage.RIGHT_OF_ACCESS_HTML));
        return "privacy/rights-file";
    }

    /** The same as CSV, one line per referral (a person has a few): written whole, then sent. */
    @PostMapping("/rights/file.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal CurrentUser admin,
            @Valid @ModelAttribute("search") PersonSearch search, BindingResult result) throws IOException {
        search.check(result);
        if (result.hasErrors()) {
            return ResponseEntity.badRequest().build();
        }
        List<RightOfAccess.Held> held = rights.export(admin, rights.find(admin, search),
                AccessedPage.RIGHT_OF_ACCESS_CSV);
        StringWriter writer = new StringWriter();
        Csv csv = new Csv(writer);
        csv.row(HEADERS);
        for (RightOfAccess.Held h : held) {
            csv.row(row(h));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("passerelle-droit-d-acces.csv").build().toString())
                .body(writer.toString().getBytes(StandardCharsets.UTF_8));
    }

    static final List<String> HEADERS = List.of("orientation", "organisation", "statut", "creee_le", "nom", "prenom",
            "identifiant_france_travail", "numero_allocataire", "telephone", "email", "commune", "parent_isole",
            "beneficiaire_rsa", "residant_qpv", "motif", "date_motif", "organisme_motif", "besoin", "premier_jour",
            "dernier_jour", "consentement_le", "issue", "commentaire_issue", "sans_solution", "commentaire_sans_solution",
            "enfants", "historique", "propositions", "anonymisee_le", "consentement_retire_le",
            "inscription_france_travail");

    private static List<String> row(RightOfAccess.Held h) {
        List<String> row = new ArrayList<>();
        row.add(String.valueOf(h.id()));
        row.add(h.organisationName());
        row.add(h.status());
        row.add(text(h.createdAt()));
        row.add(h.parentLastName());
        row.add(h.parentFirstName());
        row.add(h.franceTravailId());
        row.add(h.cafNumber());
        row.add(h.phone());
        row.add(h.email());
        row.add(h.communeCode());
        row.add(text(h.singleParent()));
        row.add(text(h.rsaRecipient()));
        row.add(text(h.qpvResident()));
        row.add(h.purpose());
        row.add(text(h.purposeDate()));
        row.add(h.purposeOrganisation());
        row.add(h.need());
        row.add(text(h.firstDay()));
        row.add(text(h.lastDay()));
        row.add(text(h.consentGivenOn()));
        row.add(h.outcome());
        row.add(h.outcomeComment());
        row.add(h.noSolutionReason());
        row.add(h.noSolutionComment());
        row.add(h.children().stream().map(c -> c.firstName() == null ? c.ageMonths() + " mois"
                : c.firstName() + " " + c.birthDate()).collect(Collectors.joining(" | ")));
        row.add(h.timeline().stream().map(s -> s.occurredAt() + " " + s.toStatus()
                + (s.comment() == null ? "" : " : " + s.comment())).collect(Collectors.joining(" | ")));
        row.add(h.offers().stream().map(o -> o.sentAt() + " " + o.providerKind() + " " + o.providerName() + " "
                + o.status()).collect(Collectors.joining(" | ")));
        row.add(text(h.anonymisedAt()));
        row.add(text(h.consentWithdrawnAt()));
        row.add(h.registration());
        return row;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private void requireInTerritory(CurrentUser admin, long id) {
        if (!inTerritory(admin, id)) {
            throw new NotFoundException();
        }
    }

    private boolean inTerritory(CurrentUser admin, long id) {
        return jdbc.sql("""
                        select exists (select 1 from referral r join organisation o on o.id = r.organisation_id
                                       where r.id = ? and (r.departement_code = ? or o.departement_code = ?))""")
                .param(id).param(admin.getDepartementCode()).param(admin.getDepartementCode())
                .query(Boolean.class).single();
    }

    private static Long parseId(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.strip();
        if (digits.startsWith("n°")) {
            digits = digits.substring(2).strip();
        }
        return digits.matches("\\d{1,18}") ? Long.valueOf(digits) : null;
    }
}
