package fr.passerelle.organisation;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What users do with their own account. */
@Service
class AccountService {

    /** The current password typed does not match. */
    static class WrongCurrentPasswordException extends RuntimeException {

        WrongCurrentPasswordException() {
            super("The current password does not match");
        }
    }

    /** Too many wrong current passwords: the account is locked as after failed logins. */
    static class TooManyAttemptsException extends RuntimeException {

        TooManyAttemptsException() {
            super("Too many wrong passwords");
        }
    }

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;

    AccountService(UserAccountRepository users, PasswordEncoder passwordEncoder, LoginThrottle throttle) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
    }

    /**
     * The current password is checked under the same throttle as signing in, so that an open session cannot be used
     * to guess it.
     *
     * @throws WrongCurrentPasswordException when {@code currentPassword} is not the account's password
     * @throws TooManyAttemptsException      when the account is locked
     */
    @Transactional(noRollbackFor = WrongCurrentPasswordException.class)
    void changePassword(long userId, String currentPassword, String newPassword) {
        UserAccount account = users.findById(userId).orElseThrow();
        if (!throttle.tryAttempt(account.getUsername())) {
            throw new TooManyAttemptsException();
        }
        if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
            throw new WrongCurrentPasswordException();
        }
        throttle.succeeded(account.getUsername());
        account.changePassword(passwordEncoder.encode(newPassword));
    }
}
