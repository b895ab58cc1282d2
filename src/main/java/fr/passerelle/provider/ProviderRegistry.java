package fr.passerelle.provider;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What routing asks the registry. Routing ranks and chooses; the registry only says who may be offered a child.
 */
@Service
public class ProviderRegistry {

    /** How near a provider is to the family's commune, nearest first. */
    public enum Proximity {
        /** In the family's commune. */
        SAME_COMMUNE,
        /** In another commune of the same intercommunality (EPCI). */
        SAME_EPCI,
        /** Elsewhere in the same département. */
        SAME_DEPARTEMENT
    }

    /**
     * A childminder able to take the care period.
     *
     * @param avipPlaces places offered to AVIP families (at least 1); how many are taken is routing's business
     * @param minAgeMonths youngest child accepted; routing checks the children's ages
     * @param labelValidTo last day of the label, at or after the period's last day
     * @param agreementEndDate last day of the agreement, at or after the period's last day
     */
    public record AvailableChildminder(long id, String firstName, String lastName, String communeCode,
            String communeName, Proximity proximity, int avipPlaces, int minAgeMonths, int maxAgeMonths,
            LocalDate labelValidTo, LocalDate agreementEndDate) {
    }

    private final JdbcClient jdbc;

    ProviderRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The childminders who may be offered a child for every day from {@code firstDay} to {@code lastDay} included,
     * in the commune {@code communeCode}, its EPCI or its département, nearest first, then by name. Each returned
     * childminder:
     * <ul>
     *     <li>is in the registry (not deactivated) and so is their organisation;</li>
     *     <li>has a current AVIP label neither suspended nor revoked, in force on the first day and still on the
     *     last ({@code valid_from <= firstDay} and {@code valid_to >= lastDay});</li>
     *     <li>has an agreement valid through the last day ({@code agreement_end_date >= lastDay});</li>
     *     <li>offers at least one AVIP place.</li>
     * </ul>
     * Suspension and revocation count as of now: a label suspended today is not offered for next week. Ages, places
     * already taken and the ranking are left to routing. An unknown commune gives an empty list.
     *
     * @throws IllegalArgumentException when the period ends before it starts
     */
    @Transactional(readOnly = true)
    public List<AvailableChildminder> childmindersAvailable(String communeCode, LocalDate firstDay,
            LocalDate lastDay) {
        return childmindersAvailable(communeCode, firstDay, lastDay, null);
    }

    /**
     * As {@link #childmindersAvailable(String, LocalDate, LocalDate)}, only those at that proximity (the commune, the
     * rest of its EPCI, the rest of its département), or all of them for {@code null}: a search that needs only the
     * nearest reads them ring by ring.
     */
    @Transactional(readOnly = true)
    public List<AvailableChildminder> childmindersAvailable(String communeCode, LocalDate firstDay,
            LocalDate lastDay, Proximity only) {
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("A care period ends on or after its first day");
        }
        return jdbc.sql("""
                        select c.id, c.first_name, c.last_name, c.commune_code, m.name, c.avip_places,
                               c.min_age_months, c.max_age_months, l.valid_to, c.agreement_end_date,
                               case when m.insee_code = t.insee_code then 'SAME_COMMUNE'
                                    when m.epci_code = t.epci_code then 'SAME_EPCI'
                                    else 'SAME_DEPARTEMENT' end as proximity
                        from commune t
                        join commune m on m.departement_code = t.departement_code and %s
                        join childminder c on c.commune_code = m.insee_code
                        join organisation o on o.id = c.organisation_id
                        join lateral (
                            select l.valid_from, l.valid_to, l.suspended_since, l.revoked_at from avip_label l
                            where l.childminder_id = c.id order by l.id desc limit 1) l on true
                        where t.insee_code = :commune
                          and c.active and o.active and c.avip_places > 0
                          and c.agreement_end_date >= :lastDay
                          and l.revoked_at is null and l.suspended_since is null
                          and l.valid_from <= :firstDay and l.valid_to >= :lastDay
                        order by case when m.insee_code = t.insee_code then 0 when m.epci_code = t.epci_code then 1 else 2 end,
                                 c.last_search_name, c.first_search_name, c.id""".formatted(ring(only)))
                .param("commune", communeCode)
                .param("firstDay", Date.valueOf(firstDay))
                .param("lastDay", Date.valueOf(lastDay))
                .query((row, n) -> new AvailableChildminder(row.getLong(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), Proximity.valueOf(row.getString("proximity")),
                        row.getInt(6), row.getInt(7), row.getInt(8), row.getObject(9, LocalDate.class),
                        row.getObject(10, LocalDate.class)))
                .list();
    }

    /** The communes {@code m} at that proximity of the commune {@code t}, within its département. */
    private static String ring(Proximity only) {
        if (only == null) {
            return "true";
        }
        return switch (only) {
            case SAME_COMMUNE -> "m.insee_code = t.insee_code";
            case SAME_EPCI -> "m.epci_code = t.epci_code and m.insee_code <> t.insee_code";
            case SAME_DEPARTEMENT -> "m.insee_code <> t.insee_code"
                    + " and (t.epci_code is null or m.epci_code is distinct from t.epci_code)";
        };
    }
}
