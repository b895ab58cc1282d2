package fr.passerelle.organisation;

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

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return accounts.findWithOrganisationByUsername(UserAccount.normaliseUsername(username))
                .map(CurrentUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }
}
