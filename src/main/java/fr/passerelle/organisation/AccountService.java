package fr.passerelle.organisation;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.Changes;
import fr.passerelle.system.EmailAddresses;
import fr.passerelle.system.StaleDataException;

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
    private final AuditTrail audit;

    AccountService(UserAccountRepository users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
            AuditTrail audit) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    UserAccount get(long userId) {
        return users.findWithOrganisationById(userId).orElseThrow();
    }

    /**
     * The person's address, language of emails and the notifications they may switch off, recorded in the audit
     * trail as their own change. The daily digest goes to Caf officers only: for anyone else it is left as it is.
     *
     * @throws StaleDataException when the account changed since {@code version} was read
     */
    @Transactional
    void updateAccount(long userId, long version, AccountForm form) {
        UserAccount account = users.findById(userId).orElseThrow();
        if (account.getVersion() != version) {
            throw new StaleDataException();
        }
        String email = EmailAddresses.normalise(form.getEmail());
        boolean digest = account.getRole() == Role.CAF_OFFICER ? form.isDigestEnabled() : account.isDigestEnabled();
        Changes changes = Changes.of()
                .field("email", account.getEmail(), email)
                .field("locale", account.getLocale(), form.getLocale())
                .field("digestEnabled", account.isDigestEnabled(), digest)
                .field("remindersEnabled", account.isRemindersEnabled(), form.isRemindersEnabled());
        account.changeEmail(email);
        account.changeNotificationPreferences(form.getLocale(), digest, form.isRemindersEnabled());
        users.flush();
        audit.record(userId, UserAdministration.ENTITY, userId, "UPDATED", changes);
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
        throttle.lockUntilCommit(account.getUsername());
        if (throttle.isLocked(account.getUsername())) {
            throw new TooManyAttemptsException();
        }
        if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
            // Counted (noRollbackFor): the attempt that locks the account is still told the password is wrong.
            throttle.failed(account.getUsername());
            throw new WrongCurrentPasswordException();
        }
        throttle.succeeded(account.getUsername());
        account.changePassword(passwordEncoder.encode(newPassword));
    }
}
