package fr.passerelle.routing.matching;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.matching.ProviderFacts.LabelState;

/** The conditions of routing, each a small named policy; {@link #ALL} in the order their reasons are listed. */
final class CandidateRules {

    /** A deactivated service or crèche is offered nothing. */
    static final CandidateRule ACTIVE = (provider, request) ->
            reject(!provider.active(), Exclusion.SERVICE_INACTIVE);

    /** A provider who declined this referral is never proposed it again. */
    static final CandidateRule NOT_DECLINED_BEFORE = (provider, request) ->
            reject(request.declinedBy().contains(provider.provider()), Exclusion.DECLINED_BEFORE);

    /** Home care happens at the family's home: the service must cover its commune. */
    static final CandidateRule COVERS_COMMUNE = (provider, request) ->
            reject(!provider.coversCommune(), Exclusion.NOT_COVERED);

    /** A childminder or a crèche in another département is too far (home-care services are chosen by coverage). */
    static final CandidateRule SAME_DEPARTEMENT = (provider, request) ->
            reject(provider.provider().kind() != ProviderKind.HOME_CARE
                    && provider.proximity() == Proximity.OTHER_DEPARTEMENT, Exclusion.TOO_FAR);

    /** A childminder's label, as of now, is neither suspended nor revoked. */
    static final CandidateRule LABEL_NOT_SUSPENDED = (provider, request) ->
            reject(provider.labelState() == LabelState.SUSPENDED_OR_REVOKED, Exclusion.LABEL_SUSPENDED);

    /** A childminder's label is in force from the first day to the last day of care. */
    static final CandidateRule LABEL_VALID_FOR_PERIOD = (provider, request) -> {
        if (provider.labelState() == LabelState.NOT_NEEDED
                || provider.labelState() == LabelState.SUSPENDED_OR_REVOKED) {
            return Optional.empty();
        }
        boolean valid = provider.labelState() == LabelState.IN_FORCE
                && !provider.labelValidFrom().isAfter(request.firstDay())
                && !provider.labelValidTo().isBefore(request.lastDay());
        return reject(!valid, Exclusion.LABEL_NOT_VALID_FOR_PERIOD);
    };

    /** A childminder's agreement is valid through the last day of care. */
    static final CandidateRule AGREEMENT_VALID = (provider, request) ->
            reject(provider.agreementEndDate() != null && provider.agreementEndDate().isBefore(request.lastDay()),
                    Exclusion.AGREEMENT_LAPSED);

    /**
     * A childminder offers at least one AVIP place, a crèche reserves at least one emergency place: one without is
     * listed with this reason rather than left out, so that the officer sees why.
     */
    static final CandidateRule OFFERS_AVIP_PLACES = (provider, request) ->
            reject(offersNoPlace(provider), Exclusion.NO_AVIP_PLACE);

    /** Enough places free over the whole period for every child (one place each). */
    static final CandidateRule HAS_FREE_PLACES = (provider, request) -> {
        Integer free = provider.freePlaces();
        return reject(free != null && !offersNoPlace(provider) && free < request.children(), Exclusion.FULL);
    };

    /**
     * Every child's age, in whole months, is within the ages accepted on the first day and still on the last day of
     * care (a child who passes the oldest age accepted during the period is not accepted); a home-care service cares
     * for a child under 3 only with its own agreement (Code du travail L7232-1).
     */
    static final CandidateRule AGES_ACCEPTED = (provider, request) -> {
        for (LocalDate birth : request.childBirthDates()) {
            long monthsOnFirstDay = Period.between(birth, request.firstDay()).toTotalMonths();
            long monthsOnLastDay = Period.between(birth, request.lastDay()).toTotalMonths();
            if (monthsOnFirstDay < provider.minAgeMonths() || monthsOnLastDay > provider.maxAgeMonths()) {
                return Optional.of(Exclusion.AGE_NOT_ACCEPTED);
            }
            if (!provider.underThreeApproved() && monthsOnFirstDay < 36) {
                return Optional.of(Exclusion.AGE_NOT_ACCEPTED);
            }
        }
        return Optional.empty();
    };

    /** A childminder is not offered a child for days she declared herself away (provider.availability). */
    static final CandidateRule NOT_AWAY = (provider, request) -> reject(provider.away() != null, Exclusion.AWAY);

    static final List<CandidateRule> ALL = List.of(ACTIVE, NOT_DECLINED_BEFORE, COVERS_COMMUNE, SAME_DEPARTEMENT,
            LABEL_NOT_SUSPENDED, LABEL_VALID_FOR_PERIOD, AGREEMENT_VALID, OFFERS_AVIP_PLACES, HAS_FREE_PLACES,
            AGES_ACCEPTED, NOT_AWAY);

    /**
     * The rules a provider must still meet when it accepts an offer sent to it: {@link #ALL} but the one about this
     * very offer ({@link #NOT_DECLINED_BEFORE}) and the capacity ones ({@link #OFFERS_AVIP_PLACES},
     * {@link #HAS_FREE_PLACES}), which the acceptance checks itself, under the provider's lock, as "full".
     */
    static final List<CandidateRule> STILL_ELIGIBLE = ALL.stream()
            .filter(rule -> rule != NOT_DECLINED_BEFORE && rule != OFFERS_AVIP_PLACES && rule != HAS_FREE_PLACES)
            .toList();

    private CandidateRules() {
    }

    /** A childminder or a crèche without any place for AVIP families at all (not merely full). */
    private static boolean offersNoPlace(ProviderFacts provider) {
        return provider.provider().kind() != ProviderKind.HOME_CARE && provider.places() != null
                && provider.places() == 0;
    }

    private static Optional<Exclusion> reject(boolean rejected, Exclusion exclusion) {
        return rejected ? Optional.of(exclusion) : Optional.empty();
    }
}
