package fr.passerelle.system;

/**
 * A bean the templates call to write a value ({@code ${dates.format(…)}}), put in every page's model under
 * {@link #modelName()} by {@link PageHelpers}, rather than reached as a bean ({@code ${@dates.format(…)}}): SpEL never
 * compiles an expression that calls a bean, and each such call went through reflection with its arguments converted
 * (a fifth of the routing queue's time in a profile).
 */
public interface PageHelper {

    /** The model variable the templates read the helper from. */
    String modelName();
}
