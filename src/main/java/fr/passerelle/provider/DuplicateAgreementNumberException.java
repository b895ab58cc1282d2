package fr.passerelle.provider;

/** Another childminder already holds this PMI agreement number. */
public class DuplicateAgreementNumberException extends RuntimeException {

    public DuplicateAgreementNumberException(String agreementNumber) {
        super("Agreement number already registered: " + agreementNumber);
    }
}
