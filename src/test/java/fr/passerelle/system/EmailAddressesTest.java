package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    /** The database's CHECK constraint, in Java: every address the application accepts must pass it. */
    private static final Pattern DATABASE_CHECK = Pattern.compile("^[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+$");

    @ParameterizedTest
    @ValueSource(strings = {"sophie.martin@example.org", "s+avip@caf91.fr", "action-sociale@caf91.demo.passerelle.test",
            "jean@café.fr", "o'neil@example.co.uk", "A.B@EXAMPLE.ORG"})
    void usableAddressesAreAccepted(String address) {
        assertThat(EmailAddresses.isValid(address)).isTrue();
        assertThat(DATABASE_CHECK.matcher(address).matches()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sophie.martin", "sophie@", "@example.org", "sophie@example", "a@b@example.org",
            "sophie martin@example.org", "sophie@exa mple.org", "sophie\t@example.org", "sophie\u00a0@example.org",
            "so\u200bphie@example.org", "sophie\u0007@example.org", "Sophie <sophie@example.org>",
            "a@example.org,b@example.org", "a@example.org;", "sophie@.example.org", "sophie@example.org.",
            "sophie@example..org", ".sophie@example.org", "sophie.@example.org", "sophie@localhost",
            "<b>sophie</b>@example.org", "sophie@example.org<script>", "sophie@[192.168.0.1]"})
    void unusableAddressesAreRefused(String address) {
        assertThat(EmailAddresses.isValid(address)).isFalse();
    }

    @Test
    void anAddressLongerThanSmtpCarriesIsRefused() {
        String domain = "@example.org";
        assertThat(EmailAddresses.isValid("a".repeat(EmailAddresses.MAX_LENGTH - domain.length()) + domain)).isTrue();
        assertThat(EmailAddresses.isValid("a".repeat(EmailAddresses.MAX_LENGTH - domain.length() + 1) + domain))
                .isFalse();
    }

    @Test
    void spacesAroundAreDroppedAndNothingTypedIsNoAddress() {
        assertThat(EmailAddresses.normalise("  sophie@example.org \u00a0")).isEqualTo("sophie@example.org");
        assertThat(EmailAddresses.normalise("   ")).isNull();
        assertThat(EmailAddresses.normalise(" Sophie.MARTIN@Example.ORG ")).isEqualTo("sophie.martin@example.org");
        assertThat(EmailAddresses.normalise(null)).isNull();
        assertThat(new ValidEmail.Validator().isValid(" sophie@example.org ", null)).isTrue();
        assertThat(new ValidEmail.Validator().isValid("", null)).isTrue();
        assertThat(new ValidEmail.Validator().isValid("sophie", null)).isFalse();
    }
}
