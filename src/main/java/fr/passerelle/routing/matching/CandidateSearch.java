package fr.passerelle.routing.matching;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.IllegalReferralTransitionException;
import fr.passerelle.referral.ReferralStatus;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.ProviderRef;
import fr.passerelle.routing.matching.ProviderFacts.LabelState;
import fr.passerelle.system.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The providers an eligible referral can be offered to, ranked with their reasons, and those refused with theirs.
 * The need decides the route ({@link Route}); the rules ({@link CandidateRules}) decide from each provider's facts
 * who may be offered a child, and the ranking ({@link CandidateRanking}) orders them. A search costs the same few
 * statements whatever the number of providers: three for home care, and for childminders and crèches the request and two per ring.
 * A page that shows only the nearest ones reads the area ring by ring (the family's commune, the rest of its EPCI,
 * the rest of its département) and stops when it has enough
 * candidates: nearest comes first, so the candidates it shows are the ones the whole search would show first, and
 * the providers it shows as excluded are the nearest ones (the rest are read when the officer asks for more). Once the
 * nearer rings hold the excluded providers the page shows, a ring is read for its candidates only and its excluded
 * providers are counted.
 */
@Service
public class CandidateSearch {

    private final JdbcClient jdbc;
    private final CandidateRanking ranking = new CandidateRanking();
    private final CandidateRanking stillEligible = new CandidateRanking(CandidateRules.STILL_ELIGIBLE);

    CandidateSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The candidates for a referral of the officer's territory waiting to be routed.
     *
     * @throws NotFoundException when the referral is not in the officer's département
     * @throws IllegalReferralTransitionException when the referral is not {@link ReferralStatus#ELIGIBLE}
     */
    @Transactional(readOnly = true)
    public CandidateList candidates(CurrentUser officer, long referralId) {
        return candidates(officer, referralId, Integer.MAX_VALUE);
    }

    /**
     * The nearest candidates and excluded providers of a referral of the officer's territory, read ring by ring
     * until there are at least {@code wanted} candidates ({@link CandidateList#complete()} says whether the whole
     * area was read).
     *
     * @throws NotFoundException when the referral is not in the officer's département
     * @throws IllegalReferralTransitionException when the referral is not {@link ReferralStatus#ELIGIBLE}
     */
    @Transactional(readOnly = true)
    public CandidateList candidates(CurrentUser officer, long referralId, int wanted) {
        RequestRow row = request(referralId);
        if (!row.departementCode().equals(officer.getDepartementCode())) {
            throw new NotFoundException();
        }
        requireEligible(row);
        return search(row.request(), wanted);
    }

    /**
     * For the offer service: the provider as the search sees it for the referral (without scoping: the caller checked
     * it), with every rule; empty when the search does not consider it at all (out of the area, unknown).
     */
    public Optional<Candidate> candidate(long referralId, ProviderRef provider) {
        RequestRow row = request(referralId);
        requireEligible(row);
        return facts(row.request(), provider).map(facts -> ranking.evaluate(facts, row.request()));
    }

    /**
     * For the automatic hand-on: the nearest candidates of an eligible referral, read ring by ring until there are at
     * least {@code wanted}, without scoping (no user acts: the caller holds the referral's lock).
     *
     * @throws IllegalReferralTransitionException when the referral is not {@link ReferralStatus#ELIGIBLE}
     */
    public CandidateList candidatesForHandOn(long referralId, int wanted) {
        RequestRow row = request(referralId);
        requireEligible(row);
        return search(row.request(), wanted);
    }

    private static void requireEligible(RequestRow row) {
        if (row.status() != ReferralStatus.ELIGIBLE) {
            throw new IllegalReferralTransitionException(row.status(), ReferralStatus.OFFERED,
                    "only an eligible referral is routed");
        }
    }

    /**
     * For the offer service, when a provider accepts: why the provider may no longer take the referral it was
     * offered, with the search's own facts and rules but the capacity ones and "declined before"
     * ({@link CandidateRules#STILL_ELIGIBLE}); empty when it still may. Whatever the referral's status (it is
     * offered). A childminder or crèche the search no longer finds at all (deactivated, with its organisation or
     * alone) is {@link Exclusion#SERVICE_INACTIVE}; a home-care service, {@link Exclusion#NOT_COVERED}.
     */
    public List<Exclusion> exclusionsOnAcceptance(long referralId, ProviderRef provider) {
        CareRequest request = request(referralId).request();
        return facts(request, provider)
                .map(facts -> stillEligible.evaluate(facts, request).exclusions())
                .orElseGet(() -> List.of(provider.kind() == ProviderKind.HOME_CARE ? Exclusion.NOT_COVERED
                        : Exclusion.SERVICE_INACTIVE));
    }

    /** One provider's facts for the request: never the département's whole registry. */
    private Optional<ProviderFacts> facts(CareRequest request, ProviderRef provider) {
        List<ProviderFacts> providers = provider.kind() == ProviderKind.HOME_CARE ? homeCareServices(request)
                : childmindersAndCreches(request, provider, null, false);
        return providers.stream().filter(facts -> facts.provider().equals(provider)).findFirst();
    }

    CandidateList search(CareRequest request) {
        return search(request, Integer.MAX_VALUE);
    }

    private CandidateList search(CareRequest request, int wanted) {
        if (request.route() == Route.HOME_CARE) {
            // The services covering the commune or its EPCI: a handful, read at once.
            return ranking.rank(request, homeCareServices(request));
        }
        if (wanted == Integer.MAX_VALUE) {
            return ranking.rank(request, childmindersAndCreches(request, null, null, false));
        }
        List<Candidate> considered = new ArrayList<>();
        long eligible = 0;
        int uncounted = 0;
        for (Proximity ring : RINGS) {
            // Once the nearer rings hold the refused providers a page shows, a ring's are counted, not read: in an
            // EPCI or a département, most childminders of the ring are refused (for the dates, the children's
            // ages, their places), and every row read is mapped, judged, explained and sorted.
            boolean refusedEnough = considered.size() - eligible >= wanted;
            List<ProviderFacts> read = childmindersAndCreches(request, null, ring, refusedEnough);
            for (ProviderFacts provider : read) {
                Candidate candidate = ranking.evaluate(provider, request);
                considered.add(candidate);
                eligible += candidate.isEligible() ? 1 : 0;
            }
            if (refusedEnough) {
                // Two statements: a provider removed in between must not make the count negative.
                uncounted += Math.max(0, countRing(request, ring) - read.size());
            }
            if (eligible >= wanted && ring != RINGS.get(RINGS.size() - 1)) {
                return ranking.order(request, considered).withFartherExcluded(uncounted).partial();
            }
        }
        return ranking.order(request, considered).withFartherExcluded(uncounted);
    }

    /**
     * How many childminders and crèches a ring holds, as {@link #childmindersAndCreches} reads them without
     * {@code mayBeCandidate}: the childminders from {@code childminder_labelled_commune_idx}, without their labels,
     * absences and places.
     */
    private int countRing(CareRequest request, Proximity ring) {
        return jdbc.sql("""
                        select (select count(*) from commune t
                                join commune m on %1$s
                                join childminder c on c.commune_code = m.insee_code
                                where t.insee_code = :commune and %2$s)
                             + (select count(*) from commune t
                                join commune m on %1$s
                                %3$s
                                where t.insee_code = :commune)""".formatted(ring(ring), CHILDMINDER_CONSIDERED,
                        CRECHES_OF_COMMUNE))
                .param("commune", request.communeCode())
                .query(Integer.class).single();
    }

    /**
     * The childminders (as {@code c}) a search considers: in the registry, labelled at some time, with their
     * organisation active. Those of a ring are read from {@code childminder_labelled_commune_idx} (V30), the
     * organisations checked against the few inactive ones ({@code organisation_inactive_idx}).
     */
    private static final String CHILDMINDER_CONSIDERED = """
            c.active and c.labelled
            and not exists (select 1 from organisation o where o.id = c.organisation_id and not o.active)""";

    /** The AVIP crèches (as {@code k}, their organisation as {@code o}) of the communes {@code m}. */
    private static final String CRECHES_OF_COMMUNE = """
            join organisation o on o.commune_code = m.insee_code and o.kind = 'AVIP_CRECHE'
            join creche k on k.organisation_id = o.id""";

    /**
     * The conditions of the rules ({@link CandidateRules#ALL}) that a childminder's row can be filtered on, for a
     * search that reads only the providers who may be candidates: every one the rules accept passes it (the rules
     * still decide: "declined before" is left to them). The parameters: {@link #mayBeCandidateParameters}. A ring's
     * crèches, a handful, are read whole and filtered by the rules themselves (see {@link #childmindersAndCreches}).
     */
    private static final String CHILDMINDER_MAY_BE_CANDIDATE = """
            l.suspended_since is null and l.revoked_at is null
            and l.valid_from <= :firstDay and l.valid_to >= :lastDay
            and (c.agreement_end_date is null or c.agreement_end_date >= :lastDay)
            and c.avip_places > 0 and c.avip_places - h.held >= :children
            and c.min_age_months <= :youngestMonths and c.max_age_months >= :oldestMonths
            and a.first_day is null""";

    /**
     * The request's figures the filters compare with: the number of children, the youngest one's age in whole months
     * on the first day and the oldest one's on the last day ({@link CandidateRules#AGES_ACCEPTED}).
     */
    private static Map<String, Object> mayBeCandidateParameters(CareRequest request) {
        long youngest = Integer.MAX_VALUE;
        long oldest = Integer.MIN_VALUE;
        for (LocalDate birth : request.childBirthDates()) {
            youngest = Math.min(youngest, Period.between(birth, request.firstDay()).toTotalMonths());
            oldest = Math.max(oldest, Period.between(birth, request.lastDay()).toTotalMonths());
        }
        return Map.of("children", request.children(), "youngestMonths", youngest, "oldestMonths", oldest);
    }

    /** How near a childminder or crèche of commune {@code m} is to the family's commune {@code t}. */
    private static final String PROXIMITY = """
            case when m.insee_code = t.insee_code then 'SAME_COMMUNE'
                 when m.epci_code = t.epci_code then 'SAME_EPCI'
                 when m.departement_code = t.departement_code then 'SAME_DEPARTEMENT'
                 else 'OTHER_DEPARTEMENT' end""";

    /** The rings a page's search reads in turn, nearest first; together, the whole area. */
    private static final List<Proximity> RINGS = List.of(Proximity.SAME_COMMUNE, Proximity.SAME_EPCI,
            Proximity.SAME_DEPARTEMENT);

    /**
     * The communes of a ring around the family's commune {@code t} (as {@code m}), or of the whole area for
     * {@code null}: the département, and the EPCI should it cross a border. A childminder or a crèche is where its
     * commune is. The SQL is chosen here rather than by a parameter so that each ring gets the plan of its own.
     */
    private static String ring(Proximity ring) {
        if (ring == null) {
            return "(m.departement_code = t.departement_code or m.epci_code = t.epci_code)";
        }
        return switch (ring) {
            case SAME_COMMUNE -> "m.insee_code = t.insee_code";
            case SAME_EPCI -> "m.epci_code = t.epci_code and m.insee_code <> t.insee_code";
            case SAME_DEPARTEMENT -> "m.departement_code = t.departement_code and m.insee_code <> t.insee_code"
                    + " and (t.epci_code is null or m.epci_code is distinct from t.epci_code)";
            case OTHER_DEPARTEMENT -> throw new IllegalArgumentException("no ring beyond the département");
        };
    }

    /** The referral as routing reads it, with its children's birth dates and the providers who declined it. */
    RequestRow request(long referralId) {
        return jdbc.sql("""
                        select r.status, r.departement_code, r.commune_code, r.need, r.first_day,
                               coalesce(r.last_day, r.first_day) as last_day,
                               (select array_agg(c.birth_date order by c.position)
                                from referral_child c where c.referral_id = r.id) as births,
                               (select array_agg(o.provider_kind || '-' || o.provider_id)
                                from offer o where o.referral_id = r.id and o.status = 'DECLINED') as declined
                        from referral r where r.id = ? and r.submitted_at is not null""")
                .param(referralId)
                .query((rs, n) -> {
                    List<LocalDate> births = new ArrayList<>();
                    for (Object birth : array(rs.getArray("births"))) {
                        births.add(birth instanceof Date date ? date.toLocalDate() : (LocalDate) birth);
                    }
                    Set<ProviderRef> declined = new HashSet<>();
                    for (Object key : array(rs.getArray("declined"))) {
                        declined.add(ProviderRef.parse((String) key));
                    }
                    String departement = rs.getString("departement_code");
                    return new RequestRow(ReferralStatus.valueOf(rs.getString("status")), departement,
                            new CareRequest(referralId, rs.getString("commune_code"), departement,
                                    CareNeed.valueOf(rs.getString("need")),
                                    rs.getObject("first_day", LocalDate.class),
                                    rs.getObject("last_day", LocalDate.class), births, declined));
                })
                .optional().orElseThrow(NotFoundException::new);
    }

    record RequestRow(ReferralStatus status, String departementCode, CareRequest request) {
    }

    /**
     * Services covering the family's commune, or another commune of its EPCI (shown as not covering it): the latter
     * from {@code home_care_epci_coverage} (V28), one row per service and EPCI, rather than from the coverage of
     * every commune of the EPCI (the Métropole du Grand Paris: 40,000 rows for 300 services). The services' ids are
     * gathered in an array first, so that each service is read by its key: joined to the ids, the services were read
     * whole (about 3,000 rows) and hashed, for a handful.
     */
    private List<ProviderFacts> homeCareServices(CareRequest request) {
        return jdbc.sql("""
                        select s.id, o.id as organisation_id, o.name, o.commune_code, m.name as commune_name,
                               o.active, s.under_three_approved,
                               exists (select 1 from home_care_coverage v
                                       where v.service_id = s.id and v.commune_code = t.insee_code) as covers,
                               case when m.insee_code = t.insee_code then 'SAME_COMMUNE'
                                    when m.epci_code = t.epci_code then 'SAME_EPCI'
                                    when o.departement_code = t.departement_code then 'SAME_DEPARTEMENT'
                                    else 'OTHER_DEPARTEMENT' end as proximity
                        from home_care_service s
                        join commune t on t.insee_code = :commune
                        join organisation o on o.id = s.organisation_id
                        left join commune m on m.insee_code = o.commune_code
                        where s.id = any (array(
                            select v.service_id from home_care_coverage v where v.commune_code = :commune
                            union
                            select e.service_id from commune vt
                            join home_care_epci_coverage e on e.epci_code = vt.epci_code
                            where vt.insee_code = :commune))""")
                .param("commune", request.communeCode())
                .query((rs, n) -> new ProviderFacts(new ProviderRef(ProviderKind.HOME_CARE, rs.getLong("id")),
                        rs.getLong("organisation_id"), rs.getString("name"), rs.getString("commune_code"),
                        rs.getString("commune_name"), Proximity.valueOf(rs.getString("proximity")),
                        rs.getBoolean("active"), rs.getBoolean("covers"), null, 0, 0, Integer.MAX_VALUE,
                        rs.getBoolean("under_three_approved"), LabelState.NOT_NEEDED, null, null, null))
                .list();
    }

    /**
     * @param only the one provider to read, or {@code null} for all of the area
     * @param ring the providers at that proximity only, or {@code null} for all of the area
     * @param mayBeCandidate only the providers the rules may accept ({@link #CHILDMINDER_MAY_BE_CANDIDATE}; crèches:
     *     those the rules accept), or all
     */
    private List<ProviderFacts> childmindersAndCreches(CareRequest request, ProviderRef only, Proximity ring,
            boolean mayBeCandidate) {
        Long onlyChildminder = only != null && only.kind() == ProviderKind.CHILDMINDER ? only.id() : null;
        Long onlyCreche = only != null && only.kind() == ProviderKind.CRECHE ? only.id() : null;
        boolean childmindersWanted = only == null || onlyChildminder != null;
        boolean crechesWanted = only == null || onlyCreche != null;
        Map<String, Object> filterParameters = mayBeCandidateParameters(request);
        // Every childminder of the ring still in the registry and labelled at some time, with her latest label: the
        // rules (CandidateRules) say from these rows who may be offered a child and why the others may not, the same
        // conditions as the registry's childmindersAvailable, which is not asked again (it read the same rows twice).
        // A childminder never labelled is not part of the scheme, neither candidate nor excluded: a département's
        // registry holds thousands of them, so only those ever labelled are read (CHILDMINDER_CONSIDERED).
        List<ProviderFacts> childminders = !childmindersWanted ? List.of() : jdbc.sql("""
                        select c.id, c.organisation_id, c.first_name || ' ' || c.last_name as name, c.commune_code,
                               m.name as commune_name, c.avip_places, c.min_age_months, c.max_age_months,
                               c.agreement_end_date, l.valid_from, l.valid_to,
                               (l.suspended_since is not null or l.revoked_at is not null) as label_suspended,
                               a.first_day as away_from, a.last_day as away_to,
                               %s as proximity, h.held
                        from commune t
                        join commune m on %s
                        join childminder c on c.commune_code = m.insee_code
                        cross join lateral %s h
                        join lateral (
                            select l.valid_from, l.valid_to, l.suspended_since, l.revoked_at from avip_label l
                            where l.childminder_id = c.id order by l.id desc limit 1) l on true
                        left join lateral (
                            select a.first_day, a.last_day from childminder_absence a
                            where a.childminder_id = c.id and a.first_day <= :lastDay and a.last_day >= :firstDay
                            order by a.first_day limit 1) a on true
                        where t.insee_code = :commune and %s
                          and %s and %s""".formatted(PROXIMITY, ring(ring), heldPlaces("CHILDMINDER", "c.id"),
                        CHILDMINDER_CONSIDERED, onlyChildminder == null ? "true" : "c.id = :only",
                        mayBeCandidate ? CHILDMINDER_MAY_BE_CANDIDATE : "true"))
                .params(filterParameters)
                .param("commune", request.communeCode())
                .param("only", onlyChildminder, Types.BIGINT)
                .param("firstDay", Date.valueOf(request.firstDay()))
                .param("lastDay", Date.valueOf(request.lastDay()))
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    // The inner join on the latest label means every row has one (valid_from is not null).
                    LabelState label = rs.getBoolean("label_suspended")
                            ? LabelState.SUSPENDED_OR_REVOKED : LabelState.IN_FORCE;
                    return new ProviderFacts(new ProviderRef(ProviderKind.CHILDMINDER, id),
                            rs.getLong("organisation_id"), rs.getString("name"), rs.getString("commune_code"),
                            rs.getString("commune_name"), Proximity.valueOf(rs.getString("proximity")), true, true,
                            rs.getInt("avip_places"), rs.getInt("held"), rs.getInt("min_age_months"),
                            rs.getInt("max_age_months"),
                            true, label, rs.getObject("valid_from", LocalDate.class),
                            rs.getObject("valid_to", LocalDate.class),
                            rs.getObject("agreement_end_date", LocalDate.class), away(rs));
                })
                .list();
        // Always the same statement for a ring, filtered here rather than in SQL: with the request's figures as
        // parameters, PostgreSQL planned the statement again at every view (a custom plan estimated cheaper than
        // the generic one: 0.7 ms of planning for 1 ms of work, on a commune's EPCI in the national data).
        List<ProviderFacts> creches = !crechesWanted ? List.of() : jdbc.sql("""
                        select k.id, o.id as organisation_id, o.name, o.commune_code, m.name as commune_name,
                               o.active, k.emergency_places, k.min_age_months, k.max_age_months,
                               %s as proximity, h.held
                        from commune t
                        join commune m on %s
                        %s
                        cross join lateral %s h
                        where t.insee_code = :commune
                          and %s""".formatted(PROXIMITY, ring(ring), CRECHES_OF_COMMUNE,
                        heldPlaces("CRECHE", "k.id"),
                        onlyCreche == null ? "true" : "k.id = :only"))
                .param("commune", request.communeCode())
                .param("only", onlyCreche, Types.BIGINT)
                .param("firstDay", Date.valueOf(request.firstDay()))
                .param("lastDay", Date.valueOf(request.lastDay()))
                .query((rs, n) -> new ProviderFacts(new ProviderRef(ProviderKind.CRECHE, rs.getLong("id")),
                        rs.getLong("organisation_id"), rs.getString("name"), rs.getString("commune_code"),
                        rs.getString("commune_name"), Proximity.valueOf(rs.getString("proximity")),
                        rs.getBoolean("active"), true, rs.getInt("emergency_places"), rs.getInt("held"),
                        rs.getInt("min_age_months"), rs.getInt("max_age_months"), true, LabelState.NOT_NEEDED,
                        null, null, null))
                .list();
        List<ProviderFacts> all = new ArrayList<>(childminders);
        for (ProviderFacts creche : creches) {
            if (!mayBeCandidate || ranking.evaluate(creche, request).isEligible()) {
                all.add(creche);
            }
        }
        return all;
    }

    /**
     * The places a provider has held over the request's period ({@code :firstDay} to {@code :lastDay}), as a lateral
     * subquery of the provider's row ({@code held}): one look-up in {@code place_hold_provider_idx} (which carries
     * the days and places) per provider read, in the same statement (a separate statement over the ring's ids cost
     * as much again, and a round trip).
     */
    private static String heldPlaces(String kind, String providerId) {
        return """
                (select coalesce(sum(p.places), 0) as held from place_hold p
                 where p.provider_kind = '%s' and p.provider_id = %s and p.released_at is null
                   and p.last_day >= :firstDay and p.first_day <= :lastDay)""".formatted(kind, providerId);
    }

    /** The childminder's absence overlapping the care period, if she declared one. */
    private static ProviderFacts.Away away(ResultSet rs) throws SQLException {
        LocalDate from = rs.getObject("away_from", LocalDate.class);
        return from == null ? null : new ProviderFacts.Away(from, rs.getObject("away_to", LocalDate.class));
    }

    private static Object[] array(Array array) throws SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }
}
