package fr.passerelle.relais;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import fr.passerelle.system.WeekDays;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/**
 * A childminder's application for the AVIP label: filed by her, advised on by the facilitator of her relais, decided
 * by a Caf administrator. Each step is an intention method that refuses a move its status does not allow.
 */
@Entity
public class LabelApplication {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long childminderId;

    private String departementCode;

    @Enumerated(EnumType.STRING)
    private LabelApplicationStatus status;

    private String availability;

    /** Days of the week as a bit set, Monday = 1 … Sunday = 64. */
    private short days;

    private short minAgeMonths;

    private short maxAgeMonths;

    private Instant submittedAt;

    private long submittedBy;

    @Enumerated(EnumType.STRING)
    private Opinion opinion;

    private String opinionComment;

    private Long opinionBy;

    private Instant opinionAt;

    private Long decidedBy;

    private Instant decidedAt;

    private String decisionReason;

    @Column(name = "label_id")
    private Long labelId;

    @Version
    private long version;

    protected LabelApplication() {
    }

    /**
     * @param reviewed whether a relais covers her commune: without one, the application waits for the Caf at once
     */
    static LabelApplication submit(long childminderId, String departementCode, String availability,
            Set<DayOfWeek> days, int minAgeMonths, int maxAgeMonths, Instant at, long by, boolean reviewed) {
        if (maxAgeMonths < minAgeMonths) {
            throw new IllegalArgumentException("The oldest age comes after the youngest");
        }
        LabelApplication application = new LabelApplication();
        application.childminderId = childminderId;
        application.departementCode = Objects.requireNonNull(departementCode);
        application.availability = Objects.requireNonNull(availability).strip();
        application.days = WeekDays.bits(days);
        application.minAgeMonths = (short) minAgeMonths;
        application.maxAgeMonths = (short) maxAgeMonths;
        application.submittedAt = at;
        application.submittedBy = by;
        application.status = reviewed ? LabelApplicationStatus.AWAITING_OPINION
                : LabelApplicationStatus.AWAITING_DECISION;
        return application;
    }

    /** The facilitator's opinion; an unfavourable one says why. Given once, before the decision. */
    void giveOpinion(Opinion given, String comment, Instant at, long by) {
        require(status == LabelApplicationStatus.AWAITING_OPINION, "an opinion is given once, before the decision");
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (given == Opinion.UNFAVOURABLE && text == null) {
            throw new IllegalArgumentException("An unfavourable opinion says why");
        }
        this.opinion = Objects.requireNonNull(given);
        this.opinionComment = text;
        this.opinionAt = at;
        this.opinionBy = by;
        this.status = LabelApplicationStatus.AWAITING_DECISION;
    }

    /** Granted: the label was created through the label lifecycle. The Caf may decide before the opinion. */
    void grant(long grantedLabelId, Instant at, long by) {
        require(status.isOpen(), "only an open application is decided");
        this.labelId = grantedLabelId;
        this.decidedAt = at;
        this.decidedBy = by;
        this.status = LabelApplicationStatus.GRANTED;
    }

    void refuse(String reason, Instant at, long by) {
        require(status.isOpen(), "only an open application is decided");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A refusal says why");
        }
        this.decisionReason = reason.strip();
        this.decidedAt = at;
        this.decidedBy = by;
        this.status = LabelApplicationStatus.REFUSED;
    }

    /** The childminder changes her mind before the decision (joining the scheme is voluntary). */
    void withdraw() {
        require(status.isOpen(), "only an open application is withdrawn");
        this.status = LabelApplicationStatus.WITHDRAWN;
    }

    private static void require(boolean allowed, String rule) {
        if (!allowed) {
            throw new IllegalApplicationTransitionException("Refused: " + rule);
        }
    }

    public Set<DayOfWeek> getDays() {
        return WeekDays.of(days);
    }

    public Long getId() {
        return id;
    }

    public long getChildminderId() {
        return childminderId;
    }

    public String getDepartementCode() {
        return departementCode;
    }

    public LabelApplicationStatus getStatus() {
        return status;
    }

    public String getAvailability() {
        return availability;
    }

    public int getMinAgeMonths() {
        return minAgeMonths;
    }

    public int getMaxAgeMonths() {
        return maxAgeMonths;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Opinion getOpinion() {
        return opinion;
    }

    public String getOpinionComment() {
        return opinionComment;
    }

    public Instant getOpinionAt() {
        return opinionAt;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getDecisionReason() {
        return decisionReason;
    }

    public Long getLabelId() {
        return labelId;
    }

    public long getVersion() {
        return version;
    }
}
