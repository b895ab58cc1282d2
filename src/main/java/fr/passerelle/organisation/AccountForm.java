package fr.passerelle.organisation;

import fr.passerelle.system.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What signed-in users change of their own account: their address, the language of their emails and the
 * notifications they may switch off. Offers to providers and decisions cannot be switched off, so they are not here.
 */
public class AccountForm {

    @NotBlank
    @ValidEmail
    private String email;

    @NotNull
    @Pattern(regexp = "fr|en")
    private String locale;

    /** Only Caf officers receive the daily digest: the page shows this box to them alone. */
    private boolean digestEnabled;

    private boolean remindersEnabled;

    private Long version;

    static AccountForm of(UserAccount account) {
        AccountForm form = new AccountForm();
        form.email = account.getEmail();
        form.locale = account.getLocale();
        form.digestEnabled = account.isDigestEnabled();
        form.remindersEnabled = account.isRemindersEnabled();
        form.version = account.getVersion();
        return form;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getLocale() {
        return locale;
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }

    public boolean isDigestEnabled() {
        return digestEnabled;
    }

    public void setDigestEnabled(boolean digestEnabled) {
        this.digestEnabled = digestEnabled;
    }

    public boolean isRemindersEnabled() {
        return remindersEnabled;
    }

    public void setRemindersEnabled(boolean remindersEnabled) {
        this.remindersEnabled = remindersEnabled;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
