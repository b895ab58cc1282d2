package fr.passerelle.relais;

import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;

import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.validation.BindingResult;

/** How the pages run a step of an application: a refusal goes next to its field, a stale page says so. */
final class Steps {

    private Steps() {
    }

    /**
     * Runs the step unless the form already has errors.
     *
     * @return whether it was made; otherwise {@code result} says why
     */
    static boolean attempt(BindingResult result, Runnable step) {
        if (result.hasErrors()) {
            return false;
        }
        try {
            step.run();
            return true;
        }
        catch (RejectedChangeException ex) {
            reject(result, ex);
        }
        catch (StaleDataException | ObjectOptimisticLockingFailureException
                | IllegalApplicationTransitionException ex) {
            result.reject("labelApplication.stale");
        }
        return false;
    }

    static void reject(BindingResult result, RejectedChangeException ex) {
        if (ex.getField() == null) {
            result.reject(ex.getMessageCode(), ex.getArguments(), null);
        }
        else {
            result.rejectValue(ex.getField(), ex.getMessageCode(), ex.getArguments(), null);
        }
    }
}
