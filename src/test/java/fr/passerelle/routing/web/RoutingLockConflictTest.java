package fr.passerelle.routing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import java.util.Locale;

import fr.passerelle.referral.NoSolutionReason;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.offer.DeclineForm;
import fr.passerelle.routing.offer.OfferService;
import fr.passerelle.routing.offer.AutomaticHandOn;
import fr.passerelle.routing.offer.OfferViews;
import fr.passerelle.routing.queue.RoutingQueues;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * A lock that could not be had (a deadlock, a lock timeout: Spring's pessimistic {@code ConcurrencyFailureException}s,
 * not only the optimistic one) is said as "changed meanwhile" on the officer's and the provider's pages, never a 500.
 * The database cannot be made to deadlock on demand, so the service is a mock and the controller is called directly.
 */
class RoutingLockConflictTest {

    private final OfferService offers = mock(OfferService.class);

    @Test
    void anOfferSentDuringALockConflictIsRefusedWithTheConcurrentMessage() {
        doThrow(new CannotAcquireLockException("deadlock detected")).when(offers)
                .sendOffer(any(), anyLong(), any(), any());
        OfferForm form = new OfferForm();
        form.setProvider(new ProviderRef(ProviderKind.HOME_CARE, 3).key());
        RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

        String view = officerController().sendOffer(null, 7, form, new BeanPropertyBindingResult(form, "offerForm"),
                new ExtendedModelMap(), redirect, Locale.FRENCH);

        assertThat(view).isEqualTo("redirect:/officer/referrals/7/routing");
        assertThat(redirect.getFlashAttributes().get("error")).isEqualTo("routing.officer.error.concurrent");
    }

    @Test
    void noSolutionRecordedDuringALockConflictIsRefusedWithTheConcurrentMessage() {
        doThrow(new PessimisticLockingFailureException("lock timeout")).when(offers)
                .recordNoSolution(any(), anyLong(), any(), any());
        NoSolutionForm form = new NoSolutionForm();
        form.setReason(NoSolutionReason.NO_CAPACITY);
        RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

        String view = officerController().recordNoSolution(null, 7, form,
                new BeanPropertyBindingResult(form, "noSolutionForm"), new ExtendedModelMap(), redirect);

        assertThat(view).isEqualTo("redirect:/officer/referrals/7/routing");
        assertThat(redirect.getFlashAttributes().get("error")).isEqualTo("routing.officer.error.concurrent");
    }

    @Test
    void anAcceptanceDuringALockConflictSaysTheOfferChangedMeanwhile() {
        doThrow(new CannotAcquireLockException("deadlock detected")).when(offers).accept(any(), anyLong());
        ExtendedModelMap model = new ExtendedModelMap();

        String view = providerController().accept(null, 5, model, new RedirectAttributesModelMap());

        assertThat(view).isEqualTo("routing/provider/offer");
        assertThat(model.getAttribute("actionError")).isEqualTo("routing.provider.error.stale");
    }

    @Test
    void aDeclineDuringALockConflictSaysTheOfferChangedMeanwhile() {
        doThrow(new PessimisticLockingFailureException("lock timeout")).when(offers)
                .decline(any(), anyLong(), any(), any());
        DeclineForm form = new DeclineForm();
        form.setReason(DeclineReason.DATES_UNAVAILABLE);
        ExtendedModelMap model = new ExtendedModelMap();

        String view = providerController().decline(null, 5, form, new BeanPropertyBindingResult(form, "declineForm"),
                model, new RedirectAttributesModelMap());

        assertThat(view).isEqualTo("routing/provider/offer");
        assertThat(model.getAttribute("actionError")).isEqualTo("routing.provider.error.stale");
    }

    private OfficerRoutingController officerController() {
        return new OfficerRoutingController(mock(OfficerRoutingPages.class), offers,
                mock(MessageSource.class), mock(ApplicationEventPublisher.class), mock(AutomaticHandOn.class));
    }

    private ProviderOfferController providerController() {
        return new ProviderOfferController(mock(OfferViews.class), offers, mock(RoutingQueues.class),
                mock(ApplicationEventPublisher.class));
    }
}
