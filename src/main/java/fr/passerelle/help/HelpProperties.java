package fr.passerelle.help;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whom users contact about Passerelle: the Caf's action sociale team running the scheme. Shown in every page's footer
 * and on the help pages.
 *
 * @param cafName  the team, as users know it
 * @param cafEmail its e-mail address
 * @param cafPhone its telephone number, as written to be read
 * @param cafHours when it answers
 */
@ConfigurationProperties("passerelle.help")
public record HelpProperties(
        @DefaultValue("Caf de l’Essonne — action sociale") String cafName,
        @DefaultValue("passerelle@caf91.fr") String cafEmail,
        @DefaultValue("01 60 00 00 00") String cafPhone,
        @DefaultValue("du lundi au vendredi, 9 h – 17 h") String cafHours) {
}
