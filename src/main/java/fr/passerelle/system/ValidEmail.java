package fr.passerelle.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An email address by the rule of {@link EmailAddresses}. Nothing typed ({@code null} or blank) is valid: add
 * {@code @NotBlank} where an address is required. The message is {@code ValidEmail} (or
 * {@code ValidEmail.<form>.<field>}) in {@code messages*.properties}.
 */
@Documented
@Constraint(validatedBy = ValidEmail.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidEmail {

    String message() default "{fr.passerelle.system.ValidEmail.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the address as it will be stored, that is without the spaces around it. */
    class Validator implements ConstraintValidator<ValidEmail, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String address = EmailAddresses.normalise(value);
            return address == null || EmailAddresses.isValid(address);
        }
    }
}
