package fr.passerelle.provider;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;

import fr.passerelle.organisation.CurrentUser;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Object mother for childminders of the registry, each with a unique agreement number, made through the service. */
@TestComponent
public class Childminders {

    private final ChildminderRegistry registry;

    Childminders(ChildminderRegistry registry) {
        this.registry = registry;
    }

    public static String uniqueNumber() {
        return "T-" + UUID.randomUUID().toString().substring(0, 12).toUpperCase();
    }

    public static ChildminderDetails details(String communeCode, LocalDate agreementEnd) {
        return new ChildminderDetails("Sophie", "Testeuse", uniqueNumber(), agreementEnd, 4, 2, communeCode, 0, 132,
                "0600000000", null, "En semaine");
    }

    public Childminder create(CurrentUser admin, String communeCode, LocalDate agreementEnd) {
        return registry.register(admin, details(communeCode, agreementEnd));
    }

    /** A childminder with a label granted for those dates. */
    public Childminder labelled(CurrentUser admin, String communeCode, LocalDate agreementEnd, LocalDate labelFrom,
            LocalDate labelTo) {
        Childminder childminder = create(admin, communeCode, agreementEnd);
        registry.grantLabel(admin, childminder.getId(), 0, labelFrom, labelTo);
        return childminder;
    }

    /**
     * A session whose registry search is {@code text}, posted as the list's filter form does (the search never
     * travels in a URL).
     */
    public static MockHttpSession searching(MockMvc mvc, CurrentUser user, String base, String text)
            throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post(base + "/filter").session(session).with(user(user)).with(csrf()).param("q", text))
                .andExpect(status().is3xxRedirection());
        return session;
    }

    public long labelVersion(long childminderId) {
        return registry.currentLabel(childminderId).orElseThrow().getVersion();
    }
}
