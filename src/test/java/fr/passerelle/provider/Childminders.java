package fr.passerelle.provider;

import java.time.LocalDate;
import java.util.UUID;

import fr.passerelle.organisation.CurrentUser;

import org.springframework.boot.test.context.TestComponent;

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

    public long labelVersion(long childminderId) {
        return registry.currentLabel(childminderId).orElseThrow().getVersion();
    }
}
