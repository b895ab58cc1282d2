package fr.passerelle.referral;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.system.ControlCharacters;
import fr.passerelle.system.StaleDataException;
import fr.passerelle.territory.Commune;
import fr.passerelle.territory.CommuneDirectory;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.InvalidPropertyException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.validation.Valid;
import jakarta.validation.groups.Default;

/**
 * The advisor's side of referrals: "Mes orientations", filing, editing, submitting, answering, withdrawing, following
 * the offers made to providers and recording the outcome once the care has started.
 */
@Controller
@RequestMapping("/advisor/referrals")
class AdvisorReferralController {

    static final String SEARCH_ATTRIBUTE = "referralSearch";

    /** Flash attribute: the page's "Envoyer" found possible duplicates, which the edit form then shows. */
    private static final String CHECK_DUPLICATES_ATTRIBUTE = "checkDuplicates";

    private static final String FORM_VIEW = "referral/form";

    private static final String VIEW = "referral/view";

    /** The button removing a child row; any other "remove-child-…" is not a button of the form, and ignored. */
    private static final Pattern REMOVE_CHILD = Pattern.compile("remove-child-(\\d{1,2})");

    private final ReferralService referrals;
    private final ReferralQueries queries;
    private final ReferralFormMapper mapper;
    private final CommuneDirectory communes;
    private final SmartValidator validator;
    private final List<AdvisorReferralPageSection> sections;
    private final Clock clock;
    private final PurposeCatalogue catalogue;

    private final ApplicationEventPublisher events;

    AdvisorReferralController(ReferralService referrals, ReferralQueries queries, ReferralFormMapper mapper,
            CommuneDirectory communes, SmartValidator validator, List<AdvisorReferralPageSection> sections,
            Clock clock, PurposeCatalogue catalogue, ApplicationEventPublisher events) {
        this.referrals = referrals;
        this.catalogue = catalogue;
        this.events = events;
        this.queries = queries;
        this.mapper = mapper;
        this.communes = communes;
        this.validator = validator;
        this.sections = List.copyOf(sections);
        this.clock = clock;
    }

    @ModelAttribute("statuses")
    ReferralStatus[] statuses() {
        return ReferralStatus.values();
    }

    @ModelAttribute("purposes")
    Purpose[] purposes() {
        return Purpose.values();
    }

    @ModelAttribute("needs")
    CareNeed[] needs() {
        return CareNeed.values();
    }

    @ModelAttribute("sorts")
    ReferralFilter.Sort[] sorts() {
        return ReferralFilter.Sort.values();
    }

    @ModelAttribute("days")
    java.time.DayOfWeek[] days() {
        return java.time.DayOfWeek.values();
    }

    /**
     * Blank fields are absent, not empty strings: "" is not a Caf number, nothing is. The children list grows a few
     * rows beyond the maximum, so that too many children is a form error, and no further: a forged
     * {@code children[300]} is a bad request, not 300 empty rows.
     */
    @InitBinder("form")
    void initFormBinder(WebDataBinder binder) {
        binder.setAutoGrowCollectionLimit(2 * Referral.MAX_CHILDREN);
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    /** A child row beyond the binder's limit: no page of ours posts that. */
    @ExceptionHandler(InvalidPropertyException.class)
    void rowBeyondTheLimit(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }

    /** A day that does not exist (2025-02-30) is said next to its field and left out, never a 400. */
    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser advisor, @ModelAttribute("filter") ReferralFilter filter,
            BindingResult filterErrors, HttpSession session, Model model) {
        // Cleaned again when read: a search kept by an older version of the application must not break the page.
        String search = ControlCharacters.strip((String) session.getAttribute(SEARCH_ATTRIBUTE));
        model.addAttribute("search", search);
        model.addAttribute("page", queries.forOrganisation(advisor.getOrganisationId(), filter, search));
        return "referral/list";
    }

    /** The name search is posted and kept in the session, never in the URL. */
    @PostMapping("/search")
    String search(@RequestParam(required = false) String q, HttpSession session) {
        if (q == null || q.isBlank()) {
            session.removeAttribute(SEARCH_ATTRIBUTE);
        }
        else {
            session.setAttribute(SEARCH_ATTRIBUTE, q.trim());
        }
        return "redirect:/advisor/referrals";
    }

    @GetMapping("/new")
    String initCreationForm(@AuthenticationPrincipal CurrentUser advisor, Model model) {
        ReferralForm form = new ReferralForm();
        form.setCreationToken(UUID.randomUUID());
        model.addAttribute("form", form);
        return formView(advisor, form, null, model);
    }

    @PostMapping("/new")
    String processCreationForm(@AuthenticationPrincipal CurrentUser advisor, @ModelAttribute("form") ReferralForm form,
            BindingResult result, @RequestParam(defaultValue = "save") String action, Model model,
            RedirectAttributes redirect) {
        if (form.getCreationToken() == null) {
            form.setCreationToken(UUID.randomUUID());
        }
        if (changeChildRows(form, action)) {
            return formView(advisor, form, null, model);
        }
        // The same form posted again (a double click, a page sent twice): show what it filed, without checking it
        // again, else the referral it filed would be reported as a duplicate of itself.
        Optional<Referral> filed = referrals.findFiledWith(advisor, form.getCreationToken());
        if (filed.isPresent()) {
            redirect.addFlashAttribute("flash", filed.get().getStatus() == ReferralStatus.DRAFT
                    ? "referral.flash.saved" : "referral.flash.submitted");
            return "redirect:/advisor/referrals/" + filed.get().getId();
        }
        boolean submit = "submit".equals(action);
        ReferralDetails details = validate(form, result, submit);
        if (details == null || !purposeOffered(advisor, details, null, result)) {
            return formView(advisor, form, null, model);
        }
        if (submit && !servedByACaf(details, result)) {
            return formView(advisor, form, null, model);
        }
        if (submit && !form.isDuplicateConfirmed() && warnOfDuplicates(advisor, details, null, model)) {
            return formView(advisor, form, null, model);
        }
        Referral referral;
        try {
            referral = referrals.create(advisor, form.getCreationToken(), details, submit);
        }
        catch (DataIntegrityViolationException ex) {
            // The same form was posted twice at once and the other request filed it. Any other refusal of the
            // database is not a double submit: it goes on as the error it is.
            referral = referrals.findFiledWith(advisor, form.getCreationToken()).orElseThrow(() -> ex);
        }
        redirect.addFlashAttribute("flash", submit ? "referral.flash.submitted" : "referral.flash.saved");
        return "redirect:/advisor/referrals/" + referral.getId();
    }

    @GetMapping("/{id}")
    String show(@AuthenticationPrincipal CurrentUser advisor, @PathVariable long id, Model model) {
        Referral referral = referrals.get(advisor, id);
        if (!model.containsAttribute("outcomeForm")) {
            model.addAttribute("outcomeForm", new OutcomeForm());
        }
        return view(advisor, referral, model);
    }

    /**
     * Records the outcome and closes the referral, once the care has started. A form error re-renders the page with
     * the message next to its field, nothing saved; a refusal of the rules (too early, no longer arranged) is
     * explained at the top of the page.
     */
    @PostMapping("/{id}/outcome")
    String recordOutcome(@AuthenticationPrincipal CurrentUser advisor, @PathVariable long id,
            @Valid @ModelAttribute("outcomeForm") OutcomeForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        Referral referral = referrals.get(advisor, id);
        if (form.isCommentMissing() && !result.hasFieldErrors("comment")) {
            result.rejectValue("comment", "referral.outcome.comment.required");
        }
        if (result.hasErrors()) {
            // The form shows with its errors even if the page would now say it is too early.
            model.addAttribute("outcomeErrors", true);
            return view(advisor, referral, model);
        }
        try {
            referrals.recordOutcome(advisor, id, form.getOutcome(), form.getComment());
            redirect.addFlashAttribute("flash", "referral.flash.closed");
        }
        catch (OutcomeTooEarlyException ex) {
            redirect.addFlashAttribute("error", ex.getMessageCode());
        }
        catch (ConcurrencyFailureException ex) {
            // An optimistic conflict, or a lock that could not be had (deadlock, lock timeout).
            redirect.addFlashAttribute("error", "referral.stale.action");
        }
        catch (IllegalReferralTransitionException ex) {
            // Sent twice (a double click without JavaScript): the first one closed it, and that is what is said.
            if (referrals.get(advisor, id).getStatus() == ReferralStatus.CLOSED) {
                redirect.addFlashAttribute("flash", "referral.flash.closed");
            }
            else {
                redirect.addFlashAttribute("error", "referral.transition.illegal");
            }
        }
        return "redirect:/advisor/referrals/" + id;
    }

    /** The referral page: details, timeline, offers made, and what can be done now. */
    private String view(CurrentUser advisor, Referral referral, Model model) {
        long id = referral.getId();
        events.publishEvent(new ReferralViewed(id, advisor.getUserId(), "ADVISOR_DETAIL"));
        model.addAttribute("referral", referral);
        model.addAttribute("timeline", TimelineEntry.forViewer(referrals.timeline(id), advisor.getRole()));
        model.addAttribute("communes", communeLabels(referral));
        if (referral.getStatus() == ReferralStatus.INELIGIBLE) {
            model.addAttribute("ineligibilityReason", referrals.ineligibilityReason(id).orElse(null));
        }
        if (referral.getStatus().isOpen()) {
            model.addAttribute("duplicates", referrals.findDuplicates(advisor, referral.details(), id));
        }
        for (AdvisorReferralPageSection section : sections) {
            section.addTo(advisor, referral, model);
        }
        if (referral.getStatus() == ReferralStatus.CARE_ARRANGED) {
            model.addAttribute("outcomeOpen", !LocalDate.now(clock).isBefore(referral.getFirstDay()));
            model.addAttribute("outcomes", Outcome.values());
        }
        return VIEW;
    }

    @GetMapping("/{id}/edit")
    String initUpdateForm(@AuthenticationPrincipal CurrentUser advisor, @PathVariable long id, Model model) {
        Referral referral = referrals.get(advisor, id);
        if (!referral.getStatus().isEditable()) {
            return "redirect:/advisor/referrals/" + id;
        }
        ReferralForm form = mapper.toForm(referral);
        model.addAttribute("form", form);
        model.addAttribute("referral", referral);
        if (Boolean.TRUE.equals(model.getAttribute(CHECK_DUPLICATES_ATTRIBUTE))) {
            warnOfDuplicates(advisor, referral.details(), id, model);
        }
        return formView(advisor, form, referral, model);
    }

    @PostMapping("/{id}/edit")
    String processUpdateForm(@AuthenticationPrincipal CurrentUser advisor, @PathVariable long id,
            @ModelAttribute("form") ReferralForm form, BindingResult result,
            @RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
        Referral referral = referrals.get(advisor, id);
        model.addAttribute("referral", referral);
        if (changeChildRows(form, action)) {
            return formView(advisor, form, referral, model);
        }
        boolean submit = "submit".equals(action) && referral.getStatus() == ReferralStatus.DRAFT;
        ReferralDetails details = validate(form, result, submit || referral.getStatus() != ReferralStatus.DRAFT);
        if (details == null || !purposeOffered(advisor, details, referral.getPurpose(), result)) {
            return formView(advisor, form, referral, model);
        }
        if (submit && !servedByACaf(details, result)) {
            return formView(advisor, form, referral, model);
        }
        if (submit && !form.isDuplicateConfirmed() && warnOfDuplicates(advisor, details, id, model)) {
            return formView(advisor, form, referral, model);
        }
        try {
            referrals.update(advisor, id, form.getVersion() == null ? -1 : form.getVersion(), details, submit);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            // Someone else saved first: keep what this user typed, say so, and let them save over it knowingly.
            result.reject("referral.stale");
            form.setVersion(referrals.get(advisor, id).getVersion());
            return formView(advisor, form, referral, model);
        }
        catch (IllegalReferralTransitionException ex) {
            redirect.addFlashAttribute("error", "referral.transition.illegal");
            return "redirect:/advisor/referrals/" + id;
        }
        redirect.addFlashAttribute("flash", submit ? "referral.flash.submitted" : "referral.flash.saved");
        return "redirect:/advisor/referrals/" + id;
    }

    @PostMapping("/{id}/submit")
    String submit(@AuthenticationPrincipal CurrentUser advisor, @PathVariable long id, @RequestParam long version,
            RedirectAttributes redirect) {
        Referral referral = referrals.get(advisor, id);
        if (referral.getStatus() == ReferralStatus.DRAFT && referral.getVersion() == version
                && !referrals.findDuplicates(advisor, referral.details(), id).isEmpty()) {
            // The form shows the possible duplicates and asks the advisor to confirm before sending.
            redirect.addFlashAttribute(CHECK_DUPLICATES_ATTRIBUTE, true);
            return "redirect:/advisor/referrals/" + id + "/edit";
        }
        return act(advisor, id, redirect, "referral.flash.submitted", ReferralStatus.SUBMITTED,
                () -> referrals.submit(advisor, id, version));
    }

    @PostMapping("/{id}/answer")
    String answer(@AuthenticationPrincipal CurrentUser advisor, @PathVariable long id, @RequestParam long version,
            @RequestParam(required = false) String answer, RedirectAttributes redirect) {
        if (answer == null || answer.isBlank()) {
            redirect.addFlashAttribute("answerError", "referral.answer.required");
            return "redirect:/advisor/referrals/" + id + "#answer";
        }
        return act(advisor, id, redirect, "referral.flash.answered", ReferralStatus.SUBMITTED,
                () -> referrals.answerInformationRequest(advisor, id, version, answer));
    }

    @PostMapping("/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal CurrentUser advisor, @PathVariable long id, @RequestParam long version,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        if (reason == null || reason.isBlank()) {
            redirect.addFlashAttribute("withdrawError", "referral.withdraw.reason.required");
            return "redirect:/advisor/referrals/" + id + "#withdraw";
        }
        return act(advisor, id, redirect, "referral.flash.withdrawn", ReferralStatus.WITHDRAWN,
                () -> referrals.withdraw(advisor, id, version, reason));
    }

    /**
     * Runs one status change and says how it went; a stale page or an illegal move is explained, never a crash. A
     * stale page whose referral already is where the action leads was most likely sent twice (a double click without
     * JavaScript): the first one worked, and that is what the advisor is told.
     */
    private String act(CurrentUser advisor, long id, RedirectAttributes redirect, String success,
            ReferralStatus target, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", success);
        }
        catch (StaleDataException | ConcurrencyFailureException ex) {
            if (referrals.get(advisor, id).getStatus() == target) {
                redirect.addFlashAttribute("flash", success);
            }
            else {
                redirect.addFlashAttribute("error", "referral.stale.action");
            }
        }
        catch (IllegalReferralTransitionException ex) {
            redirect.addFlashAttribute("error", "referral.transition.illegal");
        }
        catch (IncompleteReferralException ex) {
            redirect.addFlashAttribute("error", "referral.incomplete");
        }
        catch (UnservedTerritoryException ex) {
            redirect.addFlashAttribute("error", "referral.commune.noCaf");
        }
        return "redirect:/advisor/referrals/" + id;
    }

    /** Adds or removes a child row without saving anything; {@code true} when that was the action. */
    private static boolean changeChildRows(ReferralForm form, String action) {
        if ("add-child".equals(action)) {
            if (form.getChildren().size() < Referral.MAX_CHILDREN) {
                form.getChildren().add(new ReferralForm.ChildForm());
            }
            return true;
        }
        if (action.startsWith("remove-child-")) {
            Matcher removal = REMOVE_CHILD.matcher(action);
            if (removal.matches() && Integer.parseInt(removal.group(1)) < form.getChildren().size()) {
                form.getChildren().remove(Integer.parseInt(removal.group(1)));
            }
            form.ensureOneChildRow();
            return true;
        }
        return false;
    }

    private ReferralDetails validate(ReferralForm form, BindingResult result, boolean complete) {
        form.dropBlankChildren();
        if (complete) {
            validator.validate(form, result, Default.class, ReferralForm.Complete.class);
        }
        else {
            validator.validate(form, result);
        }
        ReferralDetails details = mapper.toDetails(form, result, complete);
        form.ensureOneChildRow();
        return details;
    }

    /**
     * The form, with the purposes the advisor may choose: those the Caf of the family's département offers (the
     * advisor's own département until the family's commune is saved), and the one the form or the referral already
     * has, so that a purpose no longer offered is still shown for the referrals that have it.
     */
    private String formView(CurrentUser advisor, ReferralForm form, Referral referral, Model model) {
        String departement = referral != null && referral.getDepartementCode() != null
                ? referral.getDepartementCode() : advisor.getDepartementCode();
        Set<Purpose> choices = EnumSet.copyOf(catalogue.offeredIn(departement));
        if (form.getPurpose() != null) {
            choices.add(form.getPurpose());
        }
        if (referral != null && referral.getPurpose() != null) {
            choices.add(referral.getPurpose());
        }
        model.addAttribute("formPurposes", choices);
        model.addAttribute("registrations", Registration.values());
        return FORM_VIEW;
    }

    /**
     * Whether the Caf of the family's département offers the purpose; when not, the purpose field says so. The
     * purpose the referral already has is kept even when the Caf no longer offers it.
     */
    private boolean purposeOffered(CurrentUser advisor, ReferralDetails details, Purpose kept,
            BindingResult result) {
        if (details.purpose() == null || details.purpose() == kept) {
            return true;
        }
        String departement = details.departementCode() != null ? details.departementCode()
                : advisor.getDepartementCode();
        if (catalogue.offeredIn(departement).contains(details.purpose())) {
            return true;
        }
        result.rejectValue("purpose", "referral.purpose.notOffered");
        return false;
    }

    /** Whether the family lives where a Caf uses Passerelle; when not, the commune field says so. */
    private boolean servedByACaf(ReferralDetails details, BindingResult result) {
        if (referrals.isServedByACaf(details.departementCode())) {
            return true;
        }
        result.rejectValue("communeQuery", "referral.commune.noCaf");
        return false;
    }

    private boolean warnOfDuplicates(CurrentUser advisor, ReferralDetails details, Long id, Model model) {
        List<DuplicateReferral> duplicates = referrals.findDuplicates(advisor, details, id);
        model.addAttribute("duplicates", duplicates);
        return !duplicates.isEmpty();
    }

    private java.util.Map<String, Commune> communeLabels(Referral referral) {
        return communes.findAllByInseeCodes(java.util.stream.Stream.of(referral.getCommuneCode(),
                referral.getPurposeCommuneCode()).filter(java.util.Objects::nonNull).toList());
    }
}
