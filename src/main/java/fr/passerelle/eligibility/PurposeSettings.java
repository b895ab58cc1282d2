package fr.passerelle.eligibility;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.Purpose;
import fr.passerelle.referral.PurposeCatalogue;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each Caf's purposes: those offered to advisors for the families of its département and those the eligibility rule
 * accepts. A change appends a row in force from its moment ({@code purpose_setting}, append-only, audited), so that a
 * referral is decided with the settings in force when it was sent. Without a row, the configuration's
 * {@code allowed-purposes} are offered and eligible. A Caf is its département: its administrators read and change
 * only their own.
 */
@Service
public class PurposeSettings implements PurposeCatalogue {

    /** At most this many past changes on the page. */
    static final int HISTORY_SIZE = 20;

    private final JdbcClient jdbc;
    private final EligibilityProperties defaults;
    private final AuditTrail audit;
    private final Clock clock;

    PurposeSettings(JdbcClient jdbc, EligibilityProperties defaults, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.defaults = defaults;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Purpose> offeredIn(String departementCode) {
        return inForce(departementCode, clock.instant()).offered();
    }

    /** The settings of the département in force at {@code moment} (one statement, by the in-force index). */
    @Transactional(readOnly = true)
    public PurposeSetting inForce(String departementCode, Instant moment) {
        return jdbc.sql("""
                        select s.offered, s.eligible, s.valid_from, s.version, u.display_name
                        from purpose_setting s join user_account u on u.id = s.updated_by
                        where s.departement_code = ? and s.valid_from <= ?
                        order by s.valid_from desc, s.id desc limit 1""")
                .param(departementCode).param(Timestamp.from(moment))
                .query(PurposeSettings::setting).optional().orElseGet(this::defaultSetting);
    }

    /** The administrator's Caf's settings as they stand, for its page. */
    @Transactional(readOnly = true)
    public PurposeSetting current(CurrentUser admin) {
        return latest(departement(admin));
    }

    /** The administrator's Caf's changes, newest first. */
    @Transactional(readOnly = true)
    public List<PurposeSetting> history(CurrentUser admin) {
        return jdbc.sql("""
                        select s.offered, s.eligible, s.valid_from, s.version, u.display_name
                        from purpose_setting s join user_account u on u.id = s.updated_by
                        where s.departement_code = ?
                        order by s.valid_from desc, s.id desc limit ?""")
                .param(departement(admin)).param(HISTORY_SIZE)
                .query(PurposeSettings::setting).list();
    }

    /**
     * The administrator's Caf chooses its purposes from now on, checked against the version she read (0 when the
     * Caf had not chosen yet), audited in the same transaction. Earlier rows stay as they were: referrals sent
     * before keep them.
     *
     * @throws OptimisticLockingFailureException when someone changed them meanwhile
     * @throws IllegalArgumentException when no purpose is offered
     * @throws AccessDeniedException for anyone but an administrator of a Caf
     */
    @Transactional
    public void choose(CurrentUser admin, Set<Purpose> offered, Set<Purpose> eligible, long version) {
        String departement = departement(admin);
        if (offered == null || offered.isEmpty()) {
            throw new IllegalArgumentException("at least one purpose must be offered");
        }
        Set<Purpose> chosenEligible = eligible == null || eligible.isEmpty() ? EnumSet.noneOf(Purpose.class)
                : EnumSet.copyOf(eligible);
        // Serialises the Caf's changes: the second of two saves at once reads the first one's version.
        jdbc.sql("select code from departement where code = ? for update").param(departement)
                .query(String.class).single();
        PurposeSetting before = latest(departement);
        if (before.version() != version) {
            throw new OptimisticLockingFailureException("purpose settings changed meanwhile");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = jdbc.sql("""
                        insert into purpose_setting (departement_code, version, offered, eligible, valid_from,
                                                     updated_by)
                        values (?, ?, cast(? as text[]), cast(? as text[]), ?, ?)
                        returning id""")
                .param(departement).param(version + 1).param(names(offered)).param(names(chosenEligible))
                .param(Timestamp.from(now)).param(admin.getUserId())
                .query(Long.class).single();
        audit.record(admin.getUserId(), AuditedEntity.PURPOSE_SETTING.name(), id,
                before.chosen() ? "UPDATED" : "CREATED", Changes.of()
                        .field("departement", before.chosen() ? departement : null, departement)
                        .field("offered", before.offered(), EnumSet.copyOf(offered))
                        .field("eligible", before.eligible(), chosenEligible));
    }

    /** The configuration's default, for a Caf without a row (or a moment before its first choice). */
    PurposeSetting defaultSetting() {
        return new PurposeSetting(defaults.allowedPurposes(), defaults.allowedPurposes(), null, 0, null);
    }

    private PurposeSetting latest(String departementCode) {
        return jdbc.sql("""
                        select s.offered, s.eligible, s.valid_from, s.version, u.display_name
                        from purpose_setting s join user_account u on u.id = s.updated_by
                        where s.departement_code = ?
                        order by s.version desc limit 1""")
                .param(departementCode)
                .query(PurposeSettings::setting).optional().orElseGet(this::defaultSetting);
    }

    /** The administrator's Caf's département; any other user has no purposes to see or change. */
    private static String departement(CurrentUser admin) {
        if (admin.getRole() != Role.ADMIN || admin.getOrganisationKind() != OrganisationKind.CAF) {
            throw new AccessDeniedException("Reserved to the administrators of a Caf");
        }
        return admin.getDepartementCode();
    }

    private static PurposeSetting setting(ResultSet rs, int row) throws SQLException {
        return new PurposeSetting(purposes(rs.getArray("offered")), purposes(rs.getArray("eligible")),
                rs.getTimestamp("valid_from").toInstant(), rs.getLong("version"), rs.getString("display_name"));
    }

    private static Set<Purpose> purposes(Array array) throws SQLException {
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        Arrays.stream((String[]) array.getArray()).map(Purpose::valueOf).forEach(purposes::add);
        return purposes;
    }

    /** The purposes as a PostgreSQL array literal (the names need no quoting). */
    private static String names(Set<Purpose> purposes) {
        return purposes.stream().sorted().map(Enum::name).collect(Collectors.joining(",", "{", "}"));
    }
}
