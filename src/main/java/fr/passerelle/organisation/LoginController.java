package fr.passerelle.organisation;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    private final SignInProperties signIn;

    LoginController(SignInProperties signIn) {
        this.signIn = signIn;
    }

    /** The failure handler redirects here with {@code ?error} or {@code ?locked}; logging out with {@code ?logout};
     * a session ended by an administrator with {@code ?expired}. */
    @GetMapping("/login")
    String login(Authentication authentication, @RequestParam(required = false) String error,
            @RequestParam(required = false) String locked, @RequestParam(required = false) String logout,
            @RequestParam(required = false) String expired, Model model) {
        if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
                && authentication.getPrincipal() instanceof CurrentUser user) {
            return "redirect:" + user.getRole().homePath();
        }
        if (locked != null) {
            model.addAttribute("failure", "locked");
        }
        else if (error != null) {
            model.addAttribute("failure", "bad-credentials");
        }
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("expired", expired != null);
        model.addAttribute("lockoutMinutes", signIn.lockoutDuration().toMinutes());
        return "organisation/login";
    }
}
