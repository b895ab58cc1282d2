package fr.passerelle.organisation;

import fr.passerelle.system.ControlCharacters;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads accounts for Spring Security; a disabled account or organisation cannot sign in. */
@Service
class UserAccountDetailsService implements UserDetailsService {

    private final UserAccountRepository accounts;

    UserAccountDetailsService(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    /** An unknown username leaves the sign-in's transaction (LoginThrottle#serialised) free to count the failure. */
    @Override
    @Transactional(readOnly = true, noRollbackFor = UsernameNotFoundException.class)
    public UserDetails loadUserByUsername(String username) {
        if (ControlCharacters.contains(username)) {
            // No username holds one, and PostgreSQL would refuse a NUL in the query.
            throw new UsernameNotFoundException("No such account");
        }
        return accounts.findWithOrganisationByUsername(UserAccount.normaliseUsername(username))
                .map(CurrentUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }
}
