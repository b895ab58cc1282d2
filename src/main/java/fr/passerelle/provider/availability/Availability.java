package fr.passerelle.provider.availability;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import fr.passerelle.audit.AuditTrail;
import fr.passerelle.audit.Changes;
import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.system.DatePolicy;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A childminder's own availability: her periods of absence (routing offers her no child on those days) and how many
 * of her AVIP places are free (the allowance pays for a place kept available). Only the childminder herself, signed
 * in as the PROVIDER of her CHILDMINDER organisation; every change is audited.
 */
@Service
public class Availability {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final DatePolicy dates;
    private final Clock clock;

    Availability(JdbcClient jdbc, AuditTrail audit, DatePolicy dates, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.dates = dates;
        this.clock = clock;
    }

    /** The childminder as her availability page shows her. */
    public record Overview(long childminderId, int avipPlaces, Integer freePlaces, long version,
            List<Absence> absences) {
    }

    @Transactional(readOnly = true)
    public Overview overview(CurrentUser user) {
        Me me = me(user, false);
        List<Absence> absences = jdbc.sql("""
                        select id, reason, first_day, last_day from childminder_absence
                        where childminder_id = ? and last_day >= ? order by first_day, id limit 200""")
                .param(me.id()).param(Date.valueOf(today().minus(dates.careHorizon())))
                .query((rs, n) -> new Absence(rs.getLong(1), AbsenceReason.valueOf(rs.getString(2)),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)))
                .list();
        return new Overview(me.id(), me.avipPlaces(), me.freePlaces(), me.version(), absences);
    }

    /**
     * Records a period of absence.
     *
     * @throws RejectedChangeException on {@code lastDay} when it ends before it starts or overlaps another absence,
     *         on {@code firstDay}/{@code lastDay} when out of the plausible range
     */
    @Transactional
    public long declareAbsence(CurrentUser user, AbsenceForm form) {
        Me me = me(user, true);
        LocalDate today = today();
        check(dates.checkAbsenceDay(form.getFirstDay(), today), "firstDay");
        check(dates.checkAbsenceDay(form.getLastDay(), today), "lastDay");
        if (form.getLastDay().isBefore(form.getFirstDay())) {
            throw new RejectedChangeException("availability.lastDay.beforeFirst", "lastDay");
        }
        boolean overlaps = jdbc.sql("""
                        select exists (select 1 from childminder_absence
                                       where childminder_id = ? and first_day <= ? and last_day >= ?)""")
                .param(me.id()).param(Date.valueOf(form.getLastDay())).param(Date.valueOf(form.getFirstDay()))
                .query(Boolean.class).single();
        if (overlaps) {
            throw new RejectedChangeException("availability.absence.overlaps", "firstDay");
        }
        long id = jdbc.sql("""
                        insert into childminder_absence (childminder_id, reason, first_day, last_day, created_at,
                                                         created_by)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .param(me.id()).param(form.getReason().name()).param(Date.valueOf(form.getFirstDay()))
                .param(Date.valueOf(form.getLastDay())).param(clock.instant().atOffset(ZoneOffset.UTC))
                .param(user.getUserId())
                .query(Long.class).single();
        audit.record(user.getUserId(), "CHILDMINDER_ABSENCE", id, "CREATED", Changes.of()
                .created("reason", form.getReason())
                .created("firstDay", form.getFirstDay())
                .created("lastDay", form.getLastDay()));
        return id;
    }

    /** Withdraws one of her absences; another childminder's is not found. */
    @Transactional
    public void withdrawAbsence(CurrentUser user, long absenceId) {
        Me me = me(user, true);
        int deleted = jdbc.sql("delete from childminder_absence where id = ? and childminder_id = ?")
                .param(absenceId).param(me.id()).update();
        if (deleted == 0) {
            throw new NotFoundException();
        }
        audit.record(user.getUserId(), "CHILDMINDER_ABSENCE", absenceId, "DELETED", Changes.of());
    }

    /**
     * Declares how many of her AVIP places are free (0 to her AVIP places).
     *
     * @throws StaleDataException when the declaration changed since the page was shown
     */
    @Transactional
    public void declareFreePlaces(CurrentUser user, int freePlaces, long version) {
        Me me = me(user, true);
        if (freePlaces < 0 || freePlaces > me.avipPlaces()) {
            throw new RejectedChangeException("availability.freePlaces.aboveCapacity", "freePlaces",
                    me.avipPlaces());
        }
        if (version != me.version()) {
            throw new StaleDataException();
        }
        jdbc.sql("""
                        insert into childminder_free_places (childminder_id, free_places, declared_at, declared_by)
                        values (?, ?, ?, ?)
                        on conflict (childminder_id) do update
                        set free_places = excluded.free_places, declared_at = excluded.declared_at,
                            declared_by = excluded.declared_by, version = childminder_free_places.version + 1""")
                .param(me.id()).param(freePlaces).param(clock.instant().atOffset(ZoneOffset.UTC))
                .param(user.getUserId()).update();
        audit.record(user.getUserId(), "CHILDMINDER_FREE_PLACES", me.id(), "UPDATED", Changes.of()
                .field("freePlaces", me.freePlaces(), freePlaces));
    }

    private record Me(long id, int avipPlaces, Integer freePlaces, long version) {
    }

    /** The user's own childminder row, locked for a change (serialises her declarations, as acceptances do). */
    private Me me(CurrentUser user, boolean lock) {
        if (user.getOrganisationKind() != OrganisationKind.CHILDMINDER) {
            throw new NotFoundException();
        }
        return jdbc.sql("""
                        select c.id, c.avip_places, f.free_places, coalesce(f.version, -1) from childminder c
                        left join childminder_free_places f on f.childminder_id = c.id
                        where c.organisation_id = ?""" + (lock ? " for update of c" : ""))
                .param(user.getOrganisationId())
                .query((rs, n) -> new Me(rs.getLong(1), rs.getInt(2), (Integer) rs.getObject(3), rs.getLong(4)))
                .optional().orElseThrow(NotFoundException::new);
    }

    private static void check(Optional<DatePolicy.Refusal> refusal, String field) {
        refusal.ifPresent(r -> {
            throw new RejectedChangeException(r.code(), field, r.arguments());
        });
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
