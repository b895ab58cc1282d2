package fr.passerelle.provider;

import java.sql.SQLException;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;

/** Another childminder already holds this PMI agreement number. */
public class DuplicateAgreementNumberException extends RuntimeException {

    /** PostgreSQL's SQLSTATE for a unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * The unique constraints a duplicate agreement number breaks: the childminder's own, or her organisation's name,
     * which holds the number ({@link ChildminderRegistry#organisationName}) and is inserted first.
     */
    private static final List<String> CONSTRAINTS = List.of("childminder_agreement_number_key",
            "organisation_kind_name_uk");

    public DuplicateAgreementNumberException(String agreementNumber) {
        super("Agreement number already registered: " + agreementNumber);
    }

    /**
     * Whether the database refused a childminder because her agreement number is taken (two saves at once: the
     * check before the insert saw neither), rather than for any other reason, which must not be reported as a
     * duplicate.
     */
    public static boolean isCauseOf(DataIntegrityViolationException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage());
                // The constraint's name, whatever the language and quotes of the server's message.
                return CONSTRAINTS.stream().anyMatch(message::contains);
            }
        }
        return false;
    }
}
