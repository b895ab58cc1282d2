package fr.passerelle.allowance;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.relais.RelaisScope;

import org.springframework.stereotype.Component;

/**
 * Who may do what with a statement, in one place. The childminder herself sees and confirms hers; the Relais Petite
 * Enfance facilitator of a relais covering her commune sees and confirms it on her behalf. A Caf officer of the
 * statement's département sees and validates it.
 */
@Component
public class StatementAccess {

    private final RelaisScope relais;

    StatementAccess(RelaisScope relais) {
        this.relais = relais;
    }

    /** Whether the user sees the statement (a childminder's own, her facilitator's, or one of the officer's département). */
    public boolean maySee(CurrentUser user, Statement statement) {
        return mayConfirm(user, statement) || mayValidate(user, statement);
    }

    /** The childminder herself, or the facilitator of a relais covering her commune on her behalf. */
    public boolean mayConfirm(CurrentUser user, Statement statement) {
        return isChildminderHerself(user, statement) || isFacilitatorOf(user, statement);
    }

    /** Whether it is the childminder herself (otherwise a confirmation is made on her behalf). */
    public boolean isChildminderHerself(CurrentUser user, Statement statement) {
        return user.getRole() == Role.PROVIDER && user.getOrganisationKind() == OrganisationKind.CHILDMINDER
                && user.getOrganisationId() == statement.childminderOrganisationId();
    }

    /** A facilitator of a relais whose communes include the childminder's (the relais module's own rule). */
    public boolean isFacilitatorOf(CurrentUser user, Statement statement) {
        return relais.covers(user, statement.childminderId());
    }

    /** A Caf officer of the statement's département. */
    public boolean mayValidate(CurrentUser user, Statement statement) {
        return user.getRole() == Role.CAF_OFFICER && user.getOrganisationKind() == OrganisationKind.CAF
                && statement.departementCode().equals(user.getDepartementCode());
    }
}
