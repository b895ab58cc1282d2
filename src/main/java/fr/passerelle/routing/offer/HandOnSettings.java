package fr.passerelle.routing.offer;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.AuditedEntity;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.system.NotFoundException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each Caf's automatic hand-on per need: its own choice ({@code hand_on_setting}, edited by its administrators,
 * audited) or the configuration's default ({@link HandOnProperties}). A Caf is its département: an administrator
 * reads and changes only the settings of the département of her organisation.
 */
@Service
public class HandOnSettings {

    private final JdbcClient jdbc;
    private final HandOnProperties defaults;
    private final AuditTrail audit;
    private final Clock clock;

    HandOnSettings(JdbcClient jdbc, HandOnProperties defaults, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.defaults = defaults;
        this.audit = audit;
        this.clock = clock;
    }

    /** The setting of one need in one département (one statement). */
    HandOnSetting setting(String departementCode, CareNeed need) {
        return jdbc.sql("""
                        select automatic, max_hops, version from hand_on_setting
                        where departement_code = ? and need = ?""")
                .param(departementCode).param(need.name())
                .query((rs, n) -> new HandOnSetting(need, rs.getBoolean("automatic"), rs.getInt("max_hops"), true,
                        rs.getLong("version")))
                .optional().orElseGet(() -> defaultOf(need));
    }

    /** The administrator's Caf's settings, one per need in the need's order. */
    @Transactional(readOnly = true)
    public List<HandOnSetting> forCaf(CurrentUser admin) {
        requireAdmin(admin);
        Map<CareNeed, HandOnSetting> chosen = new EnumMap<>(CareNeed.class);
        jdbc.sql("select need, automatic, max_hops, version from hand_on_setting where departement_code = ?")
                .param(admin.getDepartementCode())
                .query((rs, n) -> new HandOnSetting(CareNeed.valueOf(rs.getString("need")),
                        rs.getBoolean("automatic"), rs.getInt("max_hops"), true, rs.getLong("version")))
                .list().forEach(setting -> chosen.put(setting.need(), setting));
        List<HandOnSetting> settings = new ArrayList<>();
        for (CareNeed need : CareNeed.values()) {
            settings.add(chosen.getOrDefault(need, defaultOf(need)));
        }
        return settings;
    }

    /**
     * The administrator's Caf chooses for one need, checked against the version she read (0 when the Caf had not
     * chosen yet), audited in the same transaction.
     *
     * @throws OptimisticLockingFailureException when someone changed it meanwhile
     * @throws IllegalArgumentException when {@code maxHops} is outside 1 to {@link HandOnProperties#MAX_HOPS_LIMIT}
     */
    @Transactional
    public void choose(CurrentUser admin, CareNeed need, boolean automatic, int maxHops, long version) {
        requireAdmin(admin);
        if (maxHops < 1 || maxHops > HandOnProperties.MAX_HOPS_LIMIT) {
            throw new IllegalArgumentException("maxHops out of range");
        }
        HandOnSetting before = jdbc.sql("""
                        select automatic, max_hops, version from hand_on_setting
                        where departement_code = ? and need = ? for update""")
                .param(admin.getDepartementCode()).param(need.name())
                .query((rs, n) -> new HandOnSetting(need, rs.getBoolean("automatic"), rs.getInt("max_hops"), true,
                        rs.getLong("version")))
                .optional().orElseGet(() -> defaultOf(need));
        if (before.version() != version) {
            throw new OptimisticLockingFailureException("hand-on setting changed meanwhile");
        }
        // Two first choices at once: the second insert conflicts on (departement_code, need) and fails.
        long id = jdbc.sql("""
                        insert into hand_on_setting (departement_code, need, automatic, max_hops, updated_at,
                                                     updated_by, version)
                        values (?, ?, ?, ?, ?, ?, 1)
                        on conflict (departement_code, need) do update
                        set automatic = excluded.automatic, max_hops = excluded.max_hops,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by,
                            version = hand_on_setting.version + 1
                        where hand_on_setting.version = ?
                        returning id""")
                .param(admin.getDepartementCode()).param(need.name()).param(automatic).param(maxHops)
                .param(clock.instant().atOffset(ZoneOffset.UTC)).param(admin.getUserId()).param(version)
                .query(Long.class).optional()
                .orElseThrow(() -> new OptimisticLockingFailureException("hand-on setting changed meanwhile"));
        audit.record(admin.getUserId(), AuditedEntity.HAND_ON_SETTING.name(), id,
                before.chosen() ? "UPDATED" : "CREATED", Changes.of()
                        .field("departement", before.chosen() ? admin.getDepartementCode() : null,
                                admin.getDepartementCode())
                        .field("need", before.chosen() ? need : null, need)
                        .field("automatic", before.automatic(), automatic)
                        .field("maxHops", before.maxHops(), maxHops));
    }

    /** The configuration's default for a need, for a Caf without a row. */
    HandOnSetting defaultOf(CareNeed need) {
        return new HandOnSetting(need, defaults.automatic(need), defaults.maxHops(), false, 0);
    }

    private static void requireAdmin(CurrentUser admin) {
        if (admin.getRole() != Role.ADMIN) {
            throw new NotFoundException();
        }
    }
}
