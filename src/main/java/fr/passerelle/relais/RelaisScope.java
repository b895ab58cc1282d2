package fr.passerelle.relais;

import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.system.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a facilitator may see: the childminders whose commune her relais covers, nothing else. A childminder outside
 * is "not found", as everywhere, so that ids reveal nothing. Public: the allowance's statements are scoped by the same
 * rule.
 */
@Component
public class RelaisScope {

    private final JdbcClient jdbc;

    RelaisScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the user is the facilitator of a relais. */
    public static boolean isFacilitator(CurrentUser user) {
        return user.getRole() == Role.RPE_FACILITATOR
                && user.getOrganisationKind() == OrganisationKind.RELAIS_PETITE_ENFANCE;
    }

    /** The facilitator's relais. */
    public static long relaisOf(CurrentUser user) {
        if (!isFacilitator(user)) {
            throw new AccessDeniedException("Reserved to the facilitators of a relais");
        }
        return user.getOrganisationId();
    }

    /** Whether the user is a facilitator of a relais covering the childminder's commune. */
    @Transactional(readOnly = true)
    public boolean covers(CurrentUser user, long childminderId) {
        return isFacilitator(user) && jdbc.sql("""
                        select exists (select 1 from childminder c
                                       join relais_commune rc on rc.commune_code = c.commune_code
                                       where c.id = ? and rc.relais_organisation_id = ?)""")
                .params(childminderId, user.getOrganisationId()).query(Boolean.class).single();
    }

    /** @throws NotFoundException unless the childminder works in a commune of the facilitator's relais */
    void requireChildminder(CurrentUser user, long childminderId) {
        relaisOf(user);
        if (!covers(user, childminderId)) {
            throw new NotFoundException();
        }
    }

    /** The relais covering a commune, by id. */
    @Transactional(readOnly = true)
    List<Long> relaisCovering(String communeCode) {
        return jdbc.sql("""
                        select rc.relais_organisation_id from relais_commune rc
                        join organisation o on o.id = rc.relais_organisation_id
                        where rc.commune_code = ? and o.active order by rc.relais_organisation_id""")
                .param(communeCode).query(Long.class).list();
    }
}
