package fr.passerelle.routing.matching;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One reason a provider cannot be offered a referral, in plain words for the officer: what blocks it and, where it
 * can change, what would unblock it (a label renewed past the last day of care, a place freed on those days…). The
 * message is {@code routing.reason.<code>} with these arguments (dates already written dd/MM/yyyy).
 *
 * @param exclusion the rule that excluded it
 * @param code      the message's key suffix: the exclusion, or a finer case of it
 */
public record ExclusionReason(Exclusion exclusion, String code, List<Object> arguments) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    public ExclusionReason {
        arguments = List.copyOf(arguments);
    }

    /** The message key. */
    public String messageKey() {
        return "routing.reason." + code;
    }

    /** The arguments, as the message expects them. */
    public Object[] messageArguments() {
        return arguments.toArray();
    }

    /** The reason {@code exclusion} keeps {@code provider} from {@code request}, with the facts that make it so. */
    static ExclusionReason explain(Exclusion exclusion, ProviderFacts provider, CareRequest request) {
        String first = day(request.firstDay());
        String last = day(request.lastDay());
        return switch (exclusion) {
            case LABEL_NOT_VALID_FOR_PERIOD -> label(provider, request, first, last);
            case AGREEMENT_LAPSED -> of(exclusion, "AGREEMENT_LAPSED", day(provider.agreementEndDate()), last);
            case FULL -> of(exclusion, "FULL", provider.freePlaces(), request.children(), first, last);
            case AGE_NOT_ACCEPTED -> ages(provider, request);
            case AWAY -> of(exclusion, "AWAY", day(provider.away().firstDay()), day(provider.away().lastDay()));
            default -> of(exclusion, exclusion.name());
        };
    }

    private static ExclusionReason label(ProviderFacts provider, CareRequest request, String first, String last) {
        Exclusion exclusion = Exclusion.LABEL_NOT_VALID_FOR_PERIOD;
        if (provider.labelState() == ProviderFacts.LabelState.NONE || provider.labelValidFrom() == null) {
            return of(exclusion, "LABEL_NONE");
        }
        if (provider.labelValidTo().isBefore(request.firstDay())) {
            return of(exclusion, "LABEL_EXPIRED", day(provider.labelValidTo()));
        }
        if (provider.labelValidFrom().isAfter(request.firstDay())) {
            return of(exclusion, "LABEL_NOT_STARTED", day(provider.labelValidFrom()), first);
        }
        return of(exclusion, "LABEL_LAPSES", day(provider.labelValidTo()), last);
    }

    private static ExclusionReason ages(ProviderFacts provider, CareRequest request) {
        Exclusion exclusion = Exclusion.AGE_NOT_ACCEPTED;
        boolean underThree = request.childBirthDates().stream()
                .anyMatch(birth -> Period.between(birth, request.firstDay()).toTotalMonths() < 36);
        if (!provider.underThreeApproved() && underThree) {
            return of(exclusion, "AGE_UNDER_THREE");
        }
        return of(exclusion, "AGE_NOT_ACCEPTED", provider.minAgeMonths(), provider.maxAgeMonths());
    }

    private static ExclusionReason of(Exclusion exclusion, String code, Object... arguments) {
        List<Object> values = new ArrayList<>();
        for (Object argument : arguments) {
            values.add(argument == null ? "—" : argument);
        }
        return new ExclusionReason(exclusion, code, values);
    }

    private static String day(LocalDate day) {
        return day == null ? null : DAY.format(day);
    }
}
