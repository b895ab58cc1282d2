package fr.passerelle.allowance;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;

import org.springframework.stereotype.Component;

/**
 * Who may do what with a statement, in one place. The childminder herself sees and confirms hers; the Relais Petite
 * Enfance facilitator may later confirm on her behalf: add the role here. A Caf officer of the statement's
 * département sees and validates it.
 */
@Component
public class StatementAccess {

    /** Whether the user sees the statement (a childminder's own, or one of the officer's département). */
    public boolean maySee(CurrentUser user, Statement statement) {
        return mayConfirm(user, statement) || mayValidate(user, statement);
    }

    /** The childminder herself (or, once added, the facilitator on her behalf). */
    public boolean mayConfirm(CurrentUser user, Statement statement) {
        return user.getRole() == Role.PROVIDER && user.getOrganisationKind() == OrganisationKind.CHILDMINDER
                && user.getOrganisationId() == statement.childminderOrganisationId();
    }

    /** A Caf officer of the statement's département. */
    public boolean mayValidate(CurrentUser user, Statement statement) {
        return user.getRole() == Role.CAF_OFFICER && user.getOrganisationKind() == OrganisationKind.CAF
                && statement.departementCode().equals(user.getDepartementCode());
    }
}
