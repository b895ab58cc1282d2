package fr.passerelle.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.passerelle.organisation.OrganisationKind;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.NoSolutionReason;
import fr.passerelle.referral.Outcome;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.matching.Exclusion;
import fr.passerelle.routing.matching.Proximity;
import org.junit.jupiter.api.Test;

/** Every visible text comes from the message bundles, and both locales have every key. */
class MessagesTest {

    /**
     * {@code #{key}} or {@code #{key(args)}} in a template; literal keys only: {@code #{${…}}}, {@code #{|…|}} and
     * concatenations do not start with a key character and are skipped.
     */
    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([a-zA-Z0-9._-]+)[(}]");

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");

    @Test
    void frenchAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(keys("messages_en.properties")).isEqualTo(keys("messages.properties"));
    }

    /**
     * Every literal {@code #{key}} or {@code #{key(…)}} of every template under src/main/resources/templates exists in
     * both bundles. Keys built at run time ({@code #{${…}}}, {@code #{|prefix.${…}|}}, concatenations) are not literal
     * and are left to the tests of their values (see {@link #everyRoutingValueHasALabel()}).
     */
    @Test
    void everyKeyUsedInATemplateExistsInBothLocales() throws IOException {
        Map<String, Set<String>> used = keysUsedInTemplates();
        assertThat(used).isNotEmpty();

        List<String> missing = new ArrayList<>();
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            Set<String> keys = keys(bundle);
            used.forEach((key, templates) -> {
                if (!keys.contains(key)) {
                    missing.add(key + " (used in " + templates + ") is missing from " + bundle);
                }
            });
        }
        assertThat(missing).as("message keys used in templates but not defined").isEmpty();
    }

    @Test
    void everyRoleAndOrganisationKindHasALabel() throws IOException {
        Set<String> french = keys("messages.properties");
        for (Role role : Role.values()) {
            assertThat(french).contains("role." + role.name());
        }
        for (OrganisationKind kind : OrganisationKind.values()) {
            assertThat(french).contains("organisation.kind." + kind.name());
            if (kind.isProvider()) {
                assertThat(french).contains("referral.view.timeline.byProvider." + kind.name());
            }
        }
    }

    @Test
    void everyRoutingValueHasALabel() throws IOException {
        Set<String> french = keys("messages.properties");
        Map<String, Enum<?>[]> labelled = Map.of(
                "referral.status.", ReferralStatus.values(),
                "referral.outcome.", Outcome.values(),
                "referral.noSolutionReason.", NoSolutionReason.values(),
                "routing.declineReason.", DeclineReason.values(),
                "routing.offerStatus.", OfferStatus.values(),
                "routing.providerKind.", ProviderKind.values(),
                "routing.proximity.", Proximity.values(),
                "routing.exclusion.", Exclusion.values());
        labelled.forEach((prefix, values) -> {
            for (Enum<?> value : values) {
                assertThat(french).contains(prefix + value.name());
            }
        });
    }

    /**
     * MessageFormat treats an ASCII apostrophe as a quote when a message has arguments, and not otherwise; the
     * typographic apostrophe (’) is right in French and never surprises.
     */
    @Test
    void messagesUseTheTypographicApostrophe() throws IOException {
        for (String bundle : Set.of("messages.properties", "messages_en.properties")) {
            Properties properties = load(bundle);
            for (String key : properties.stringPropertyNames()) {
                assertThat(properties.getProperty(key)).as(bundle + " " + key).doesNotContain("'");
            }
        }
    }

    /** Each literal key used in a template, with the templates using it (relative to the templates folder). */
    private static Map<String, Set<String>> keysUsedInTemplates() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".html")).sorted().toList()) {
                Matcher matcher = MESSAGE_KEY.matcher(Files.readString(file));
                while (matcher.find()) {
                    used.computeIfAbsent(matcher.group(1), key -> new TreeSet<>())
                            .add(TEMPLATES.relativize(file).toString());
                }
            }
        }
        return used;
    }

    private static Set<String> keys(String bundle) throws IOException {
        return new TreeSet<>(load(bundle).stringPropertyNames());
    }

    private static Properties load(String bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
