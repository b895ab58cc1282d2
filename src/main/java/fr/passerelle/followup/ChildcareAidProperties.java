package fr.passerelle.followup;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The conditions of France Travail's childcare aid (AGE) shown to the advisor ({@code passerelle.childcare-aid.*}).
 *
 * @param childAgeLimit a child concerned is under this age, in years (12: under 12)
 * @param minActivity the shortest job or training that opens the aid
 * @param requestWithin the request is made within this period after the activity started
 */
@ConfigurationProperties("passerelle.childcare-aid")
public record ChildcareAidProperties(@DefaultValue("12") int childAgeLimit, @DefaultValue("P1M") Period minActivity,
        @DefaultValue("P3M") Period requestWithin) {
}
