package fr.passerelle.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.List;

import fr.passerelle.territory.CommuneDirectory;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * A lock that could not be had (deadlock, lock timeout) while the advisor records the outcome or withdraws is said as
 * "changed meanwhile", never a 500. The database cannot be made to deadlock on demand: the services are mocks.
 */
class AdvisorLockConflictTest {

    private final ReferralService referrals = mock(ReferralService.class);
    private final AdvisorReferralController controller = new AdvisorReferralController(referrals,
            mock(ReferralQueries.class), mock(ReferralFormMapper.class), mock(CommuneDirectory.class),
            mock(SmartValidator.class), List.of(), Clock.systemUTC(), mock(PurposeCatalogue.class),
            mock(ApplicationEventPublisher.class));

    @Test
    void anOutcomeRecordedDuringALockConflictIsRefusedWithTheStaleMessage() {
        when(referrals.get(any(), anyLong())).thenReturn(mock(Referral.class));
        doThrow(new CannotAcquireLockException("deadlock detected")).when(referrals)
                .recordOutcome(any(), anyLong(), any(), any());
        OutcomeForm form = new OutcomeForm();
        form.setOutcome(Outcome.JOB_STARTED);
        RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

        String view = controller.recordOutcome(null, 9, form, new BeanPropertyBindingResult(form, "outcomeForm"),
                new ExtendedModelMap(), redirect);

        assertThat(view).isEqualTo("redirect:/advisor/referrals/9");
        assertThat(redirect.getFlashAttributes().get("error")).isEqualTo("referral.stale.action");
    }

    @Test
    void aWithdrawalDuringALockConflictIsRefusedWithTheStaleMessage() {
        when(referrals.get(any(), anyLong())).thenReturn(mock(Referral.class));
        doThrow(new PessimisticLockingFailureException("lock timeout")).when(referrals)
                .withdraw(any(), anyLong(), anyLong(), anyString());
        RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

        String view = controller.withdraw(null, 9, 3, "La famille a trouvé.", redirect);

        assertThat(view).isEqualTo("redirect:/advisor/referrals/9");
        assertThat(redirect.getFlashAttributes().get("error")).isEqualTo("referral.stale.action");
    }
}
