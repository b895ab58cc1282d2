package fr.passerelle.organisation;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Consumer;

import fr.passerelle.system.ControlCharacters;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' user pages: list, create, edit, disable, enable, reset a password, unlock. */
@Controller
@RequestMapping("/admin/users")
class AdminUserController {

    static final String SEARCH_ATTRIBUTE = "adminUserSearch";

    private final UserAdministration administration;
    private final OrganisationPicker picker;
    private final Clock clock;

    AdminUserController(UserAdministration administration, OrganisationPicker picker, Clock clock) {
        this.administration = administration;
        this.picker = picker;
        this.clock = clock;
    }

    @ModelAttribute("roles")
    Role[] roles() {
        return Role.values();
    }

    @InitBinder({"userForm", "newUserForm"})
    void trimStrings(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping
    String list(@ModelAttribute("filter") UserFilter filter, HttpSession session, Model model) {
        // Cleaned again when read: a search kept by an older version of the application must not break the page.
        String search = ControlCharacters.strip((String) session.getAttribute(SEARCH_ATTRIBUTE));
        model.addAttribute("search", search);
        Page<UserAccount> page = administration.list(filter, search);
        model.addAttribute("page", page);
        model.addAttribute("lockedUsernames", administration.lockedUsernames(page.getContent()));
        return "organisation/admin/users";
    }

    /** Names are posted and kept in the session, never in the URL. */
    @PostMapping("/search")
    String search(@RequestParam(required = false) String q, HttpSession session) {
        if (q == null || q.isBlank()) {
            session.removeAttribute(SEARCH_ATTRIBUTE);
        }
        else {
            session.setAttribute(SEARCH_ATTRIBUTE, q.strip());
        }
        return "redirect:/admin/users";
    }

    @GetMapping("/new")
    String initCreationForm(Model model) {
        model.addAttribute("newUserForm", new NewUserForm());
        return "organisation/admin/user-new";
    }

    @PostMapping("/new")
    String processCreationForm(@AuthenticationPrincipal CurrentUser admin,
            @Valid @ModelAttribute("newUserForm") NewUserForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        pickOrganisation(form.getOrganisationLabel(), form.getOrganisationId(), form::setOrganisationId, result);
        if (!result.hasFieldErrors("temporaryPassword")
                && PasswordChangeForm.tooLongForBcrypt(form.getTemporaryPassword())) {
            result.rejectValue("temporaryPassword", PasswordChangeForm.TOO_LONG);
        }
        if (result.hasErrors()) {
            return "organisation/admin/user-new";
        }
        UserAdministration.TemporaryPassword created;
        try {
            created = administration.create(admin, form);
        }
        catch (RejectedChangeException ex) {
            reject(result, ex);
            return "organisation/admin/user-new";
        }
        catch (DataIntegrityViolationException ex) {
            // The same form posted twice at once: the other request created the account.
            result.rejectValue("username", "admin.user.username.taken");
            return "organisation/admin/user-new";
        }
        redirect.addFlashAttribute("flash", "admin.user.flash.created");
        redirect.addFlashAttribute("temporaryPassword", created.password());
        return "redirect:/admin/users/" + created.userId();
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        UserAccount user = administration.get(id);
        model.addAttribute("user", user);
        model.addAttribute("lockedUntil", administration.lockedUntil(user)
                .map(until -> LocalDateTime.ofInstant(until, clock.getZone())).orElse(null));
        if (!model.containsAttribute("userForm")) {
            model.addAttribute("userForm", UserForm.of(user, picker));
        }
        return "organisation/admin/user";
    }

    @PostMapping("/{id}")
    String processUpdateForm(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @Valid @ModelAttribute("userForm") UserForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        UserAccount user = administration.get(id);
        model.addAttribute("user", user);
        pickOrganisation(form.getOrganisationLabel(), form.getOrganisationId(), form::setOrganisationId, result);
        if (result.hasErrors()) {
            return "organisation/admin/user";
        }
        try {
            administration.update(admin, id, form.getVersion() == null ? -1 : form.getVersion(), form);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            result.reject("admin.stale");
            form.setVersion(administration.get(id).getVersion());
            return "organisation/admin/user";
        }
        catch (RejectedChangeException ex) {
            reject(result, ex);
            return "organisation/admin/user";
        }
        redirect.addFlashAttribute("flash", "admin.user.flash.updated");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/disable")
    String disable(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam long version,
            RedirectAttributes redirect) {
        return act(id, redirect, "admin.user.flash.disabled", () -> administration.disable(admin, id, version));
    }

    @PostMapping("/{id}/enable")
    String enable(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, @RequestParam long version,
            RedirectAttributes redirect) {
        return act(id, redirect, "admin.user.flash.enabled", () -> administration.enable(admin, id, version));
    }

    /** Ends a lock after too many failed sign-ins (audited). */
    @PostMapping("/{id}/unlock")
    String unlock(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, RedirectAttributes redirect) {
        administration.unlock(admin, id);
        redirect.addFlashAttribute("flash", "admin.user.flash.unlocked");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/reset-password")
    String resetPassword(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @RequestParam long version, RedirectAttributes redirect) {
        return act(id, redirect, "admin.user.flash.reset", () -> redirect.addFlashAttribute("temporaryPassword",
                administration.resetPassword(admin, id, version).password()));
    }

    private static String act(long id, RedirectAttributes redirect, String success, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", success);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            redirect.addFlashAttribute("error", "admin.stale.action");
        }
        catch (RejectedChangeException ex) {
            redirect.addFlashAttribute("error", ex.getMessageCode());
        }
        return "redirect:/admin/users/" + id;
    }

    static void reject(BindingResult result, RejectedChangeException ex) {
        if (ex.getField() == null) {
            result.reject(ex.getMessageCode());
        }
        else {
            result.rejectValue(ex.getField(), ex.getMessageCode());
        }
    }

    /** The datalist of the organisation field, refreshed as the administrator types. */
    @PostMapping("/organisations/suggestions")
    String organisationSuggestions(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("options", picker.suggest(q).stream().map(picker::label).toList());
        return "organisation/admin/organisation-suggestions";
    }

    /**
     * The organisation the administrator typed or picked; a form posted without the text field (a script) names it
     * by its id.
     */
    private void pickOrganisation(String label, Long postedId, Consumer<Long> choose, BindingResult result) {
        if (label != null) {
            Optional<Long> picked = picker.resolve(label);
            choose.accept(picked.orElse(null));
            if (picked.isEmpty()) {
                result.rejectValue("organisationId", "admin.user.organisation.pick");
            }
        }
        else if (postedId == null) {
            result.rejectValue("organisationId", "NotNull");
        }
    }
}
