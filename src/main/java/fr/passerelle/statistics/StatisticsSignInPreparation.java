package fr.passerelle.statistics;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * When a Caf officer, an administrator or an advisor signs in, the statistics page they would open first is computed
 * in the background (a busy territory's takes PostgreSQL about a second), so that it is ready when they open it.
 */
@Component
@ConditionalOnProperty(prefix = "passerelle.statistics", name = "prepare-on-sign-in", havingValue = "true",
        matchIfMissing = true)
class StatisticsSignInPreparation {

    private final StatisticsService statistics;

    StatisticsSignInPreparation(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof CurrentUser user
                && (user.getRole() == Role.CAF_OFFICER || user.getRole() == Role.ADMIN
                        || user.getRole() == Role.ADVISOR)) {
            statistics.prepare(StatisticsScope.of(user));
        }
    }
}
