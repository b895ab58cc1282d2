package fr.passerelle.organisation;

import jakarta.validation.Valid;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The signed-in user's own account: choosing a new password. */
@Controller
@RequestMapping("/account/password")
class AccountController {

    private static final String VIEW = "organisation/password";

    private final AccountService accounts;
    private final SecurityContextRepository securityContextRepository = new HttpSessionSecurityContextRepository();

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute("minLength")
    int minLength() {
        return PasswordChangeForm.MIN_LENGTH;
    }

    @GetMapping
    String initPasswordForm(@ModelAttribute("form") PasswordChangeForm form) {
        return VIEW;
    }

    @PostMapping
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
