package fr.passerelle.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class UserAccountTest {

    @Test
    void roleMustFitTheOrganisationKind() {
        Organisation agency = new Organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, "FT Évry", "91", "91228");
        Organisation caf = new Organisation(OrganisationKind.CAF, "Caf 91", "91", "91228");

        assertThat(new UserAccount("a.b", "{noop}x", "A B", Role.ADVISOR, agency).getRole()).isEqualTo(Role.ADVISOR);
        assertThat(new UserAccount("c.d", "{noop}x", "C D", Role.ADMIN, caf).getRole()).isEqualTo(Role.ADMIN);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UserAccount("e.f", "{noop}x", "E F", Role.CAF_OFFICER, agency));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UserAccount("g.h", "{noop}x", "G H", Role.ADVISOR, caf));
    }

    @Test
    void usernamesAreStoredTrimmedAndLowerCase() {
        Organisation agency = new Organisation(OrganisationKind.FRANCE_TRAVAIL_AGENCY, "FT Évry", "91", "91228");

        assertThat(new UserAccount("  Karim.DUPONT ", "{noop}x", "Karim", Role.ADVISOR, agency).getUsername())
                .isEqualTo("karim.dupont");
    }

    @Test
    void providersAreTheOrganisationsWhoseUsersAnswerOffers() {
        assertThat(OrganisationKind.CHILDMINDER.isProvider()).isTrue();
        assertThat(OrganisationKind.AVIP_CRECHE.isProvider()).isTrue();
        assertThat(OrganisationKind.HOME_CARE_SERVICE.isProvider()).isTrue();
        assertThat(OrganisationKind.CAF.isProvider()).isFalse();
    }
}
