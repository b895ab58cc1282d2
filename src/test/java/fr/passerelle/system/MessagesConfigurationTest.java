package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import fr.passerelle.support.TestMessages;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The messages read the same as Spring's own message source writes them, whatever their arguments. */
class MessagesConfigurationTest {

    private final ResourceBundleMessageSource spring = TestMessages.source();
    private final MessagesConfiguration.ApplicationMessages ours =
            TestMessages.configure(new MessagesConfiguration.ApplicationMessages());

    @Test
    void everyKindOfArgumentIsWrittenAsMessageFormatWritesIt() {
        List<Object[]> arguments = List.of(
                new Object[] {60466L},
                new Object[] {1234567.891},
                new Object[] {-3},
                new Object[] {"texte"},
                new Object[] {new Date(1_767_225_600_000L)},
                new Object[] {null},
                new Object[] {List.of(1, 2)});
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            for (String code : List.of("routing.officer.referral", "referral.view.dates.single")) {
                for (Object[] argument : arguments) {
                    assertThat(ours.getMessage(code, argument, locale)).as("%s %s", code, argument[0])
                            .isEqualTo(spring.getMessage(code, argument, locale));
                }
            }
        }
    }

    @Test
    void argumentsWithAFormatOfTheirOwnKeepIt() {
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            for (int years : new int[] {0, 1, 4}) {
                assertThat(ours.getMessage("routing.provider.age.yearsMonths", new Object[] {years, 5}, locale))
                        .isEqualTo(spring.getMessage("routing.provider.age.yearsMonths", new Object[] {years, 5},
                                locale));
            }
            Object[] capped = {3, 1000};
            assertThat(ours.getMessage("referral.list.caption.capped", capped, locale))
                    .isEqualTo(spring.getMessage("referral.list.caption.capped", capped, locale));
            Object[] range = {"01/02/2026", "03/02/2026"};
            assertThat(ours.getMessage("referral.view.dates.range", range, locale))
                    .isEqualTo(spring.getMessage("referral.view.dates.range", range, locale));
        }
    }

    @Test
    void aReferralsNumberIsWrittenTheSameOnEveryCall() {
        for (int i = 0; i < 3; i++) {
            assertThat(ours.getMessage("routing.officer.referral", new Object[] {60466L}, Locale.FRENCH))
                    .isEqualTo(spring.getMessage("routing.officer.referral", new Object[] {60466L}, Locale.FRENCH));
        }
    }

    @Test
    void everyTextReadsAsSpringReadsIt() {
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            ResourceBundle bundle = ResourceBundle.getBundle("messages", locale);
            for (String code : bundle.keySet()) {
                assertThat(ours.getMessage(code, null, locale)).as("%s %s", locale, code)
                        .isEqualTo(spring.getMessage(code, null, locale));
            }
            assertThat(ours.getMessage("no.such.message", null, "absent", locale)).isEqualTo("absent");
        }
    }

    @Test
    void localesWithoutMessagesOfTheirOwnShareOneBundlesTexts() {
        for (String tag : List.of("fr", "fr-FR", "fr-CA", "xx", "zz-ZZ", "de", "en", "en-GB")) {
            ours.getMessage("routing.officer.referral", new Object[] {1L}, Locale.forLanguageTag(tag));
            ours.getMessage("app.name", null, Locale.forLanguageTag(tag));
        }
        assertThat(ours.bundlesKept()).isEqualTo(2);
    }
}
