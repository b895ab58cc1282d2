package fr.passerelle.routing.offer;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.Role;
import fr.passerelle.referral.CareNeed;
import fr.passerelle.referral.PhoneNumbers;
import fr.passerelle.referral.Purpose;
import fr.passerelle.routing.DeclineReason;
import fr.passerelle.routing.OfferNotice;
import fr.passerelle.routing.OfferStatus;
import fr.passerelle.routing.ProviderKind;
import fr.passerelle.routing.queue.SqlPages;
import fr.passerelle.system.NotFoundException;
import fr.passerelle.system.WeekDays;

import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the pages read of offers. Every query is scoped in SQL: a provider reads only the offers addressed to its
 * organisation ({@code provider_organisation_id}), an advisor only the referrals of their organisation, an officer
 * only those of their Caf's département. A list costs two statements (rows and count) whatever its size.
 */
@Service
public class OfferViews {

    public static final int PAGE_SIZE = 20;

    /**
     * The provider's view of an offer. The parent's name and phone are selected only for an accepted offer whose care
     * is arranged or closed (not after a withdrawal): no other row carries them.
     */
    /**
     * A child's birth date, or once the referral is anonymised (privacy.Anonymiser) the date its age in months at the
     * referral's sending puts it at: the pages show ages, month by month.
     */
    private static final String CHILD_BIRTH = "coalesce(c.birth_date, ((coalesce(r.submitted_at, r.created_at)"
            + " at time zone 'UTC')::date - c.age_months * interval '1 month')::date)";

    private static final String PROVIDER_OFFER = """
            select o.id, o.status, o.provider_kind, o.sent_at, o.deadline_at, o.answered_at, o.ended_at, o.message,
                   r.need, r.purpose, r.commune_code, m.name as commune_name, r.first_day,
                   coalesce(r.last_day, r.first_day) as last_day, r.first_day_start_time, r.regular_days,
                   r.regular_start_time, r.regular_end_time,
                   (select array_agg(c.first_name order by c.position)
                    from referral_child c where c.referral_id = r.id) as child_names,
                   (select array_agg(%s order by c.position)
                    from referral_child c where c.referral_id = r.id) as child_births,
                   o.decline_reason, o.decline_comment,
                   case when o.status = 'ACCEPTED' and r.status in ('CARE_ARRANGED', 'CLOSED')
                        then r.parent_last_name end as contact_last_name,
                   case when o.status = 'ACCEPTED' and r.status in ('CARE_ARRANGED', 'CLOSED')
                        then r.parent_first_name end as contact_first_name,
                   case when o.status = 'ACCEPTED' and r.status in ('CARE_ARRANGED', 'CLOSED')
                        then r.phone end as contact_phone
            from offer o
            join referral r on r.id = o.referral_id
            left join commune m on m.insee_code = r.commune_code
            """.formatted(CHILD_BIRTH);

    private final JdbcClient jdbc;

    OfferViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The offers addressed to the provider's organisation in one status: pending ones by nearest deadline, the others
     * most recent first. Served by {@code offer_provider_queue_idx}.
     *
     * @param page zero-based
     * @throws NotFoundException when the user is not a provider
     */
    @Transactional(readOnly = true)
    public Page<ProviderOffer> forProvider(CurrentUser provider, OfferStatus status, int page) {
        requireRole(provider, Role.PROVIDER);
        String order = status == OfferStatus.PENDING ? "o.deadline_at, o.id"
                : "coalesce(o.answered_at, o.ended_at) desc, o.id desc";
        long total = jdbc.sql("select count(*) from offer where provider_organisation_id = ? and status = ?")
                .param(provider.getOrganisationId()).param(status.name())
                .query(Long.class).single();
        // The status (an enum's name), limit and offset written in the statement: as parameters, the statement
        // was planned again at every view, its generic plan priced for any status and an unknown limit (0.7 ms of
        // planning for 0.02 ms of work, the national data).
        return SqlPages.page(page, PAGE_SIZE, total, (limit, offset) -> jdbc.sql(PROVIDER_OFFER + """
                        where o.provider_organisation_id = :organisation and o.status = '%s'
                        order by %s limit %d offset %d""".formatted(status.name(), order, limit, offset))
                .param("organisation", provider.getOrganisationId())
                .query((rs, n) -> providerOffer(rs))
                .list());
    }

    /**
     * One offer addressed to the provider's organisation.
     *
     * @throws NotFoundException for any other offer, or when the user is not a provider
     */
    @Transactional(readOnly = true)
    public ProviderOffer forProvider(CurrentUser provider, long offerId) {
        return findForProvider(provider, offerId).orElseThrow(NotFoundException::new);
    }

    /**
     * The same, without throwing: empty for any offer not addressed to the user's organisation, or when the user is
     * not a provider. For callers in a transaction of their own, which an exception of this one would doom.
     */
    @Transactional(readOnly = true)
    public Optional<ProviderOffer> findForProvider(CurrentUser provider, long offerId) {
        if (provider.getRole() != Role.PROVIDER) {
            return Optional.empty();
        }
        return jdbc.sql(PROVIDER_OFFER + " where o.id = :id and o.provider_organisation_id = :organisation")
                .param("id", offerId)
                .param("organisation", provider.getOrganisationId())
                .query((rs, n) -> providerOffer(rs))
                .optional();
    }

    /**
     * The offers of a referral, oldest first: for its advisor's organisation (without provider names) or a Caf officer
     * of its département (with names and decline comments). Two statements.
     *
     * @throws NotFoundException when the user may not see the referral
     */
    @Transactional(readOnly = true)
    public List<ReferralOffer> forReferral(CurrentUser user, long referralId) {
        boolean officer = user.getRole() == Role.CAF_OFFICER;
        boolean visible = switch (user.getRole()) {
            case ADVISOR -> jdbc.sql("select exists (select 1 from referral where id = ? and organisation_id = ?)")
                    .param(referralId).param(user.getOrganisationId()).query(Boolean.class).single();
            case CAF_OFFICER -> jdbc.sql("""
                            select exists (select 1 from referral
                                           where id = ? and departement_code = ? and submitted_at is not null)""")
                    .param(referralId).param(user.getDepartementCode()).query(Boolean.class).single();
            default -> false;
        };
        if (!visible) {
            throw new NotFoundException();
        }
        return jdbc.sql("""
                        select o.id, o.provider_kind,
                               case when o.provider_kind = 'CHILDMINDER' then cm.first_name || ' ' || cm.last_name
                                    else po.name end as provider_name,
                               coalesce(cm.commune_code, po.commune_code) as commune_code, m.name as commune_name,
                               o.status, o.sent_at, o.deadline_at, o.answered_at, o.ended_at, o.decline_reason,
                               o.decline_comment, o.hand_on_hop
                        from offer o
                        join organisation po on po.id = o.provider_organisation_id
                        left join childminder cm on o.provider_kind = 'CHILDMINDER' and cm.id = o.provider_id
                        left join commune m on m.insee_code = coalesce(cm.commune_code, po.commune_code)
                        where o.referral_id = ?
                        order by o.sent_at, o.id""")
                .param(referralId)
                .query((rs, n) -> new ReferralOffer(rs.getLong("id"),
                        ProviderKind.valueOf(rs.getString("provider_kind")),
                        officer ? rs.getString("provider_name") : null, rs.getString("commune_code"),
                        rs.getString("commune_name"), OfferStatus.valueOf(rs.getString("status")),
                        instant(rs, "sent_at"), instant(rs, "deadline_at"), instant(rs, "answered_at"),
                        instant(rs, "ended_at"), declineReason(rs), officer ? rs.getString("decline_comment") : null,
                        rs.getObject("hand_on_hop", Integer.class)))
                .list();
    }

    /**
     * What the notifications say of an offer, whoever reads it: no scoping here, the caller (an event listener of
     * the offer's own transaction) decides who is told. One statement.
     *
     * @throws NotFoundException for an unknown offer
     */
    @Transactional(readOnly = true)
    public OfferNotice notice(long offerId) {
        return jdbc.sql("""
                        select o.id, o.referral_id, o.status, o.provider_kind, o.provider_organisation_id,
                               case when o.provider_kind = 'CHILDMINDER' then cm.first_name || ' ' || cm.last_name
                                    else po.name end as provider_name,
                               pm.name as provider_commune_name, o.sent_at, o.deadline_at, r.need, r.purpose,
                               r.commune_code, m.name as commune_name, r.first_day, r.last_day,
                               r.first_day_start_time,
                               (select array_agg(%s order by c.position)
                                from referral_child c where c.referral_id = r.id) as child_births,
                               o.message, o.decline_reason, r.departement_code, r.created_by
                        from offer o
                        join referral r on r.id = o.referral_id
                        join organisation po on po.id = o.provider_organisation_id
                        left join childminder cm on o.provider_kind = 'CHILDMINDER' and cm.id = o.provider_id
                        left join commune pm on pm.insee_code = coalesce(cm.commune_code, po.commune_code)
                        left join commune m on m.insee_code = r.commune_code
                        where o.id = ?""".formatted(CHILD_BIRTH))
                .param(offerId)
                .query((rs, n) -> {
                    LocalDate firstDay = rs.getObject("first_day", LocalDate.class);
                    List<Integer> ages = new ArrayList<>();
                    for (Object birth : array(rs.getArray("child_births"))) {
                        LocalDate date = birth instanceof Date sqlDate ? sqlDate.toLocalDate() : (LocalDate) birth;
                        ages.add((int) Period.between(date, firstDay).toTotalMonths());
                    }
                    return new OfferNotice(rs.getLong("id"), rs.getLong("referral_id"),
                            OfferStatus.valueOf(rs.getString("status")),
                            ProviderKind.valueOf(rs.getString("provider_kind")),
                            rs.getLong("provider_organisation_id"), rs.getString("provider_name"),
                            rs.getString("provider_commune_name"), instant(rs, "sent_at"),
                            instant(rs, "deadline_at"), CareNeed.valueOf(rs.getString("need")),
                            Purpose.valueOf(rs.getString("purpose")), rs.getString("commune_code"),
                            rs.getString("commune_name"), firstDay, rs.getObject("last_day", LocalDate.class),
                            time(rs, "first_day_start_time"), ages, rs.getString("message"), declineReason(rs),
                            rs.getString("departement_code"), rs.getLong("created_by"));
                })
                .optional().orElseThrow(NotFoundException::new);
    }

    private static ProviderOffer providerOffer(ResultSet rs) throws SQLException {
        LocalDate firstDay = rs.getObject("first_day", LocalDate.class);
        Object[] names = array(rs.getArray("child_names"));
        Object[] births = array(rs.getArray("child_births"));
        List<ChildAge> children = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            LocalDate birth = births[i] instanceof Date date ? date.toLocalDate() : (LocalDate) births[i];
            Period age = Period.between(birth, firstDay);
            children.add(new ChildAge((String) names[i], age.getYears(), age.getMonths()));
        }
        String phone = rs.getString("contact_phone");
        ParentContact contact = phone == null ? null
                : new ParentContact(rs.getString("contact_last_name"), rs.getString("contact_first_name"),
                        PhoneNumbers.display(phone));
        return new ProviderOffer(rs.getLong("id"), OfferStatus.valueOf(rs.getString("status")),
                ProviderKind.valueOf(rs.getString("provider_kind")), instant(rs, "sent_at"),
                instant(rs, "deadline_at"), instant(rs, "answered_at"), instant(rs, "ended_at"),
                rs.getString("message"), CareNeed.valueOf(rs.getString("need")),
                Purpose.valueOf(rs.getString("purpose")), rs.getString("commune_code"), rs.getString("commune_name"),
                firstDay, rs.getObject("last_day", LocalDate.class), time(rs, "first_day_start_time"),
                WeekDays.of(rs.getInt("regular_days")), time(rs, "regular_start_time"), time(rs, "regular_end_time"),
                children, declineReason(rs), rs.getString("decline_comment"), contact);
    }

    private static DeclineReason declineReason(ResultSet rs) throws SQLException {
        String reason = rs.getString("decline_reason");
        return reason == null ? null : DeclineReason.valueOf(reason);
    }


    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static LocalTime time(ResultSet rs, String column) throws SQLException {
        Time value = rs.getTime(column);
        return value == null ? null : value.toLocalTime();
    }

    private static Object[] array(Array array) throws SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }

    private static void requireRole(CurrentUser user, Role role) {
        if (user.getRole() != role) {
            throw new NotFoundException();
        }
    }
}
