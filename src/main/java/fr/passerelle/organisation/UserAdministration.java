package fr.passerelle.organisation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.system.EmailAddresses;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.Pages;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Predicate;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do with accounts: create, rename, change the email address, move to another role or
 * organisation, disable, enable, reset a password, unlock after too many failed sign-ins. Every change is checked against the account's version, refused with a named message when a rule forbids
 * it, and recorded in the audit trail in the same transaction.
 */
@Service
public class UserAdministration {

    public static final String ENTITY = AuditedEntity.USER.name();
    public static final int PAGE_SIZE = 20;

    /** A created or reset account and its temporary password, to be shown once to the administrator. */
    public record TemporaryPassword(long userId, String password) {
    }

    private final UserAccountRepository users;
    private final OrganisationRepository organisations;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final LoginThrottle throttle;

    UserAdministration(UserAccountRepository users, OrganisationRepository organisations,
            PasswordEncoder passwordEncoder, AuditTrail audit, JdbcClient jdbc, LoginThrottle throttle) {
        this.throttle = throttle;
        this.users = users;
        this.organisations = organisations;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /**
     * One page of accounts with their organisations (one statement for the rows, one for the count), by username.
     * {@code search} matches a part of the name, the username, the email address or the organisation's name.
     */
    @Transactional(readOnly = true)
    public Page<UserAccount> list(UserFilter filter, String search) {
        Specification<UserAccount> specification = (root, query, cb) -> {
            if (query.getResultType() != Long.class && query.getResultType() != long.class) {
                root.fetch("organisation", JoinType.INNER);
            }
            List<Predicate> where = new ArrayList<>();
            if (filter.getRole() != null) {
                where.add(cb.equal(root.get("role"), filter.getRole()));
            }
            if (filter.getOrganisationId() != null) {
                where.add(cb.equal(root.get("organisation").get("id"), filter.getOrganisationId()));
            }
            if (filter.getEnabled() != null) {
                where.add(cb.equal(root.get("enabled"), filter.getEnabled()));
            }
            if (search != null && !search.isBlank()) {
                String pattern = "%" + escapeLike(search.strip().toLowerCase(Locale.ROOT)) + "%";
                where.add(cb.or(cb.like(cb.lower(root.get("displayName")), pattern, '\\'),
                        cb.like(root.get("username"), pattern, '\\'),
                        cb.like(cb.lower(root.get("email")), pattern, '\\'),
                        cb.like(cb.lower(root.get("organisation").get("name")), pattern, '\\')));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        return Pages.orLast(PageRequest.of(filter.getPage(), PAGE_SIZE, Sort.by(Sort.Order.asc("username"))),
                request -> users.findAll(specification, request));
    }

    @Transactional(readOnly = true)
    public UserAccount get(long id) {
        return users.findWithOrganisationById(id).orElseThrow(NotFoundException::new);
    }

    /**
     * @param typedPassword the temporary password the administrator chose, or {@code null} to generate one
     * @throws RejectedChangeException when the username is taken, or the organisation does not allow the role
     */
    @Transactional
    public TemporaryPassword create(CurrentUser admin, NewUserForm form) {
        String username = UserAccount.normaliseUsername(form.getUsername());
        if (users.existsByUsername(username)) {
            throw new RejectedChangeException("admin.user.username.taken", "username");
        }
        Organisation organisation = activeOrganisation(form.getOrganisationId());
        checkRoleAllowed(form.getRole(), organisation);
        String password = form.getTemporaryPassword() == null ? TemporaryPasswords.generate()
                : form.getTemporaryPassword();
        UserAccount user = new UserAccount(username, passwordEncoder.encode(password), form.getDisplayName(),
                form.getRole(), organisation);
        user.changeEmail(EmailAddresses.normalise(form.getEmail()));
        user.requirePasswordChange();
        users.saveAndFlush(user);
        audit.record(admin.getUserId(), ENTITY, user.getId(), "CREATED", Changes.of()
                .created("username", user.getUsername())
                .created("displayName", user.getDisplayName())
                .created("email", user.getEmail())
                .created("role", user.getRole())
                .created("organisation", describe(organisation))
                .created("enabled", true)
                .created("passwordChangeRequired", true));
        return new TemporaryPassword(user.getId(), password);
    }

    /**
     * @throws StaleDataException when the account changed since {@code version} was read
     * @throws RejectedChangeException when the email address is removed (an account made before addresses were asked
     *         may stay without one until it is given), the organisation does not allow the role, or the change would
     *         leave no enabled administrator
     */
    @Transactional
    public void update(CurrentUser admin, long id, long version, UserForm form) {
        UserAccount user = current(id, version);
        String email = EmailAddresses.normalise(form.getEmail());
        if (email == null && user.getEmail() != null) {
            throw new RejectedChangeException("admin.user.email.required", "email");
        }
        Organisation organisation = user.getOrganisation().getId().equals(form.getOrganisationId())
                ? user.getOrganisation() : activeOrganisation(form.getOrganisationId());
        checkRoleAllowed(form.getRole(), organisation);
        if (user.getRole() == Role.ADMIN && form.getRole() != Role.ADMIN) {
            if (id == admin.getUserId()) {
                throw new RejectedChangeException("admin.user.role.self", "role");
            }
            checkAnotherAdminRemains(id);
        }
        Changes changes = Changes.of()
                .field("displayName", user.getDisplayName(), form.getDisplayName().strip())
                .field("email", user.getEmail(), email)
                .field("role", user.getRole(), form.getRole())
                .field("organisation", describe(user.getOrganisation()), describe(organisation));
        user.rename(form.getDisplayName());
        user.changeEmail(email);
        user.assign(form.getRole(), organisation);
        users.flush();
        audit.record(admin.getUserId(), ENTITY, id, "UPDATED", changes);
    }

    @Transactional
    public void disable(CurrentUser admin, long id, long version) {
        UserAccount user = current(id, version);
        if (!user.isEnabled()) {
            return;
        }
        if (id == admin.getUserId()) {
            throw new RejectedChangeException("admin.user.disable.self");
        }
        if (user.getRole() == Role.ADMIN) {
            checkAnotherAdminRemains(id);
        }
        user.disable();
        users.flush();
        audit.record(admin.getUserId(), ENTITY, id, "DISABLED", Changes.of().field("enabled", true, false));
    }

    @Transactional
    public void enable(CurrentUser admin, long id, long version) {
        UserAccount user = current(id, version);
        if (user.isEnabled()) {
            return;
        }
        user.enable();
        users.flush();
        audit.record(admin.getUserId(), ENTITY, id, "ENABLED", Changes.of().field("enabled", false, true));
    }

    /** A new temporary password, never stored in clear nor recorded: the audit entry only says a reset happened. */
    @Transactional
    public TemporaryPassword resetPassword(CurrentUser admin, long id, long version) {
        UserAccount user = current(id, version);
        if (id == admin.getUserId()) {
            throw new RejectedChangeException("admin.user.reset.self");
        }
        String password = TemporaryPasswords.generate();
        boolean wasRequired = user.isPasswordChangeRequired();
        user.resetPassword(passwordEncoder.encode(password));
        users.flush();
        audit.record(admin.getUserId(), ENTITY, id, "PASSWORD_RESET",
                Changes.of().field("passwordChangeRequired", wasRequired, true));
        return new TemporaryPassword(id, password);
    }

    /** Of these accounts (a page of the list), the usernames locked after too many failed sign-ins. */
    @Transactional(readOnly = true)
    public Set<String> lockedUsernames(Collection<UserAccount> accounts) {
        return throttle.lockedAmong(accounts.stream().map(UserAccount::getUsername).toList());
    }

    /** When the lock on this account's sign-in ends, if it is locked after too many failed sign-ins. */
    @Transactional(readOnly = true)
    public Optional<Instant> lockedUntil(UserAccount account) {
        return throttle.lockedUntilOf(account.getUsername());
    }

    /**
     * Ends the lock of an account after too many failed sign-ins: its user can try again at once. Recorded in the
     * audit trail; nothing happens (and nothing is recorded) when the account is not locked.
     */
    @Transactional
    public void unlock(CurrentUser admin, long id) {
        UserAccount user = users.findWithOrganisationById(id).orElseThrow(NotFoundException::new);
        if (throttle.unlock(user.getUsername())) {
            audit.record(admin.getUserId(), ENTITY, id, "UNLOCKED", Changes.of().field("locked", true, false));
        }
    }

    /** What an audit entry shows of an organisation: its name and id, since names can change. */
    static String describe(Organisation organisation) {
        return organisation.getName() + " (" + organisation.getId() + ")";
    }

    private UserAccount current(long id, long version) {
        UserAccount user = users.findWithOrganisationById(id).orElseThrow(NotFoundException::new);
        if (user.getVersion() != version) {
            throw new StaleDataException();
        }
        return user;
    }

    private Organisation activeOrganisation(Long organisationId) {
        return organisations.findById(organisationId).filter(Organisation::isActive)
                .orElseThrow(() -> new RejectedChangeException("admin.user.organisation.unknown", "organisationId"));
    }

    private static void checkRoleAllowed(Role role, Organisation organisation) {
        if (!organisation.getKind().allows(role)) {
            throw new RejectedChangeException("admin.user.role.mismatch." + role.name(), "role");
        }
    }

    /**
     * Locks the rows of the enabled administrators of active organisations, so that two administrators disabling
     * each other at the same moment cannot both succeed, then checks one other than {@code userId} remains.
     */
    void checkAnotherAdminRemains(long userId) {
        List<Long> admins = jdbc.sql("""
                select u.id from user_account u join organisation o on o.id = u.organisation_id
                where u.role = 'ADMIN' and u.enabled and o.active
                order by u.id
                for update of u""").query(Long.class).list();
        if (admins.stream().noneMatch(adminId -> adminId != userId)) {
            throw new RejectedChangeException("admin.user.last-admin");
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
