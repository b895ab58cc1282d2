package fr.passerelle.organisation;

import fr.passerelle.system.StaleDataException;
import jakarta.validation.Valid;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The signed-in user's own account ("Mon compte"): their email address, the language of their emails, the
 * notifications they may switch off, and choosing a new password. It only ever changes the signed-in account.
 */
@Controller
@RequestMapping("/account")
class AccountController {

    private static final String VIEW = "organisation/password";
    private static final String ACCOUNT_VIEW = "organisation/account";

    private final AccountService accounts;
    private final SecurityContextRepository securityContextRepository = new HttpSessionSecurityContextRepository();

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute("minLength")
    int minLength() {
        return PasswordChangeForm.MIN_LENGTH;
    }

    @InitBinder("accountForm")
    void trimStrings(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping
    String initAccountForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        UserAccount account = accounts.get(user.getUserId());
        model.addAttribute("account", account);
        model.addAttribute("accountForm", AccountForm.of(account));
        return ACCOUNT_VIEW;
    }

    @PostMapping
    String processAccountForm(@AuthenticationPrincipal CurrentUser user,
            @Valid @ModelAttribute("accountForm") AccountForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        model.addAttribute("account", accounts.get(user.getUserId()));
        if (result.hasErrors()) {
            return ACCOUNT_VIEW;
        }
        try {
            accounts.updateAccount(user.getUserId(), form.getVersion() == null ? -1 : form.getVersion(), form);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException ex) {
            result.reject("account.stale");
            form.setVersion(accounts.get(user.getUserId()).getVersion());
            return ACCOUNT_VIEW;
        }
        redirect.addFlashAttribute("flash", "account.flash.updated");
        return "redirect:/account";
    }

    @GetMapping("/password")
    String initPasswordForm(@ModelAttribute("form") PasswordChangeForm form) {
        return VIEW;
    }

    @PostMapping("/password")
    String processPasswordForm(@AuthenticationPrincipal CurrentUser user,
            @Valid @ModelAttribute("form") PasswordChangeForm form, BindingResult result,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (!result.hasFieldErrors("newPassword") && !result.hasFieldErrors("confirmation")
                && !form.getNewPassword().equals(form.getConfirmation())) {
            result.rejectValue("confirmation", "account.password.mismatch");
        }
        if (!result.hasFieldErrors("newPassword") && form.getNewPassword().equals(form.getCurrentPassword())) {
            result.rejectValue("newPassword", "account.password.same");
        }
        if (!result.hasFieldErrors("newPassword") && PasswordChangeForm.tooLongForBcrypt(form.getNewPassword())) {
            result.rejectValue("newPassword", PasswordChangeForm.TOO_LONG);
        }
        if (result.hasErrors()) {
            return VIEW;
        }
        try {
            accounts.changePassword(user.getUserId(), form.getCurrentPassword(), form.getNewPassword());
        }
        catch (AccountService.WrongCurrentPasswordException ex) {
            result.rejectValue("currentPassword", "account.password.wrong-current");
            return VIEW;
        }
        catch (AccountService.TooManyAttemptsException ex) {
            result.rejectValue("currentPassword", "account.password.locked");
            return VIEW;
        }
        refreshPrincipal(user.withPasswordChanged(), request, response);
        redirect.addFlashAttribute("flash", "account.password.changed");
        return "redirect:" + user.getRole().homePath();
    }

    private void refreshPrincipal(CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.getAuthorities());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        securityContextRepository.saveContext(context, request, response);
    }
}
