package fr.passerelle.referral;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import fr.passerelle.organisation.Organisation;
import fr.passerelle.organisation.UserAccount;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;

/**
 * A childcare referral (orientation) for one family. Every change of status is an intention method that checks the
 * state machine ({@link ReferralStatus}) and appends a line to the timeline in the same transaction.
 */
@Entity
public class Referral {

    /** At most this many children in one referral. */
    public static final int MAX_CHILDREN = 6;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organisation_id")
    private Organisation organisation;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "created_by")
    private UserAccount createdBy;

    private UUID creationToken;

    @Enumerated(EnumType.STRING)
    private ReferralStatus status;

    private String parentLastName;
    private String parentFirstName;
    private String parentSearchName;
    private String franceTravailId;
    private boolean jobSeekerAttested;
    private String cafNumber;
    private String phone;
    private String email;
    private String communeCode;
    private String departementCode;
    private Boolean singleParent;
    private Boolean rsaRecipient;
    private Boolean qpvResident;

    @Enumerated(EnumType.STRING)
    private Purpose purpose;
    private LocalDate purposeDate;
    private String purposeOrganisation;
    private String purposeCommuneCode;

    @Enumerated(EnumType.STRING)
    private CareNeed need;

    @Column(insertable = false, updatable = false)
    private boolean emergency;

    private LocalDate firstDay;
    private LocalTime firstDayStartTime;
    private LocalDate lastDay;

    @Convert(converter = DaysOfWeekConverter.class)
    private Set<DayOfWeek> regularDays = EnumSet.noneOf(DayOfWeek.class);

    private LocalTime regularStartTime;
    private LocalTime regularEndTime;

    private LocalDate consentGivenOn;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "consent_collected_by")
    private UserAccount consentCollectedBy;

    private Instant submittedAt;
    private Instant lastTransitionAt;

    @Column(insertable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "referral", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<ReferralChild> children = new ArrayList<>();

    @OneToMany(mappedBy = "referral", cascade = CascadeType.PERSIST)
    @OrderBy("occurredAt, id")
    private List<ReferralTransition> transitions = new ArrayList<>();

    protected Referral() {
    }

    /** A new draft, filed by {@code advisor} for their organisation. */
    public static Referral draft(UserAccount advisor, UUID creationToken, ReferralDetails details, Instant now,
            LocalDate today) {
        Referral referral = new Referral();
        referral.organisation = advisor.getOrganisation();
        referral.createdBy = advisor;
        referral.creationToken = Objects.requireNonNull(creationToken);
        referral.status = ReferralStatus.DRAFT;
        referral.apply(details, advisor, today);
        referral.record(null, ReferralStatus.DRAFT, advisor, now, null);
        return referral;
    }

    /** Changes the details; only while the advisor is writing the referral or answering a question. */
    public void update(ReferralDetails details, UserAccount advisor, LocalDate today) {
        if (!status.isEditable()) {
            throw new IllegalReferralTransitionException(status, null);
        }
        apply(details, advisor, today);
    }

    /** Sends the draft to the Caf. The data must be complete, consent included. */
    public void submit(UserAccount advisor, Instant now) {
        if (status == ReferralStatus.INFORMATION_REQUESTED) {
            // The table allows this move, but only with the answer: a new submission would lose the queue place.
            throw new IllegalReferralTransitionException(status, ReferralStatus.SUBMITTED,
                    "it goes back to the Caf with the answer to the question");
        }
        if (!status.canMoveTo(ReferralStatus.SUBMITTED)) {
            throw new IllegalReferralTransitionException(status, ReferralStatus.SUBMITTED);
        }
        requireComplete();
        this.submittedAt = now;
        move(ReferralStatus.SUBMITTED, advisor, now, null);
    }

    public void requestInformation(UserAccount officer, String question, Instant now) {
        move(ReferralStatus.INFORMATION_REQUESTED, officer, now, requireText(question));
    }

    /** The advisor answers the officer's question; the referral goes back to the queue, in its original place. */
    public void answerInformationRequest(UserAccount advisor, String answer, Instant now) {
        if (status != ReferralStatus.INFORMATION_REQUESTED) {
            throw new IllegalReferralTransitionException(status, ReferralStatus.SUBMITTED,
                    "no information was requested");
        }
        requireComplete();
        move(ReferralStatus.SUBMITTED, advisor, now, requireText(answer));
    }

    public void declareEligible(UserAccount officer, String comment, Instant now) {
        move(ReferralStatus.ELIGIBLE, officer, now, comment);
    }

    public void declareIneligible(UserAccount officer, String comment, Instant now) {
        move(ReferralStatus.INELIGIBLE, officer, now, comment);
    }

    public void withdraw(UserAccount advisor, String reason, Instant now) {
        move(ReferralStatus.WITHDRAWN, advisor, now, requireText(reason));
    }

    /** The details as they stand, for comparing with other referrals. */
    public ReferralDetails details() {
        return new ReferralDetails(parentLastName, parentFirstName, franceTravailId, jobSeekerAttested, cafNumber,
                phone, email, communeCode, departementCode, singleParent, rsaRecipient, qpvResident,
                children.stream().map(child -> new ReferralDetails.Child(child.getFirstName(), child.getBirthDate()))
                        .toList(),
                purpose, purposeDate, purposeOrganisation, purposeCommuneCode, need, firstDay, firstDayStartTime,
                lastDay, getRegularDays(), regularStartTime, regularEndTime, consentGivenOn != null);
    }

    /** The phone number the way it is read in France. */
    public String getPhoneForDisplay() {
        return PhoneNumbers.display(phone);
    }

    /** Whether everything the Caf needs is there; the form's validation says what is missing, this is the guard. */
    public boolean isComplete() {
        return parentLastName != null && parentFirstName != null && franceTravailId != null && phone != null
                && communeCode != null && purpose != null && need != null && firstDay != null
                && !children.isEmpty() && consentGivenOn != null;
    }

    private void requireComplete() {
        if (!isComplete()) {
            throw new IncompleteReferralException();
        }
    }

    private void move(ReferralStatus target, UserAccount actor, Instant now, String comment) {
        if (!status.canMoveTo(target)) {
            throw new IllegalReferralTransitionException(status, target);
        }
        ReferralStatus from = status;
        this.status = target;
        record(from, target, actor, now, comment);
    }

    private void record(ReferralStatus from, ReferralStatus to, UserAccount actor, Instant now, String comment) {
        this.lastTransitionAt = now;
        transitions.add(new ReferralTransition(this, from, to, actor, now, comment));
    }

    private void apply(ReferralDetails details, UserAccount advisor, LocalDate today) {
        this.parentLastName = details.parentLastName();
        this.parentFirstName = details.parentFirstName();
        this.parentSearchName = parentSearchName(details.parentLastName(), details.parentFirstName());
        this.franceTravailId = details.franceTravailId();
        this.jobSeekerAttested = details.jobSeekerAttested();
        this.cafNumber = details.cafNumber();
        this.phone = details.phone();
        this.email = details.email();
        this.communeCode = details.communeCode();
        this.departementCode = details.departementCode();
        this.singleParent = details.singleParent();
        this.rsaRecipient = details.rsaRecipient();
        this.qpvResident = details.qpvResident();
        this.purpose = details.purpose();
        this.purposeDate = details.purposeDate();
        this.purposeOrganisation = details.purposeOrganisation();
        this.purposeCommuneCode = details.purposeCommuneCode();
        this.need = details.need();
        this.firstDay = details.firstDay();
        this.firstDayStartTime = details.firstDayStartTime();
        this.lastDay = details.lastDay();
        this.regularDays = details.regularDays() == null || details.regularDays().isEmpty()
                ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(details.regularDays());
        this.regularStartTime = details.regularStartTime();
        this.regularEndTime = details.regularEndTime();
        applyChildren(details.children() == null ? List.of() : details.children());
        if (details.consentGiven() && consentGivenOn == null) {
            this.consentGivenOn = today;
            this.consentCollectedBy = advisor;
        }
        else if (!details.consentGiven()) {
            this.consentGivenOn = null;
            this.consentCollectedBy = null;
        }
    }

    /** Changes rows in place, so that positions stay unique at every moment of the flush. */
    private void applyChildren(List<ReferralDetails.Child> wanted) {
        if (wanted.size() > MAX_CHILDREN) {
            throw new IllegalArgumentException("At most " + MAX_CHILDREN + " children");
        }
        for (int i = 0; i < wanted.size(); i++) {
            ReferralDetails.Child child = wanted.get(i);
            if (i < children.size()) {
                children.get(i).change(child.firstName(), child.birthDate());
            }
            else {
                children.add(new ReferralChild(this, i + 1, child.firstName(), child.birthDate()));
            }
        }
        while (children.size() > wanted.size()) {
            children.remove(children.size() - 1);
        }
    }

    private static String requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A message is required");
        }
        return text.trim();
    }

    /** The parent's name as the search and duplicate detection compare it. */
    static String parentSearchName(String lastName, String firstName) {
        return searchable(Stream.of(lastName, firstName).filter(Objects::nonNull).collect(Collectors.joining(" ")));
    }

    /** Lower-case, without accents: what the name search compares with. */
    static String searchable(String text) {
        String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }

    public Long getId() {
        return id;
    }

    public Organisation getOrganisation() {
        return organisation;
    }

    public UserAccount getCreatedBy() {
        return createdBy;
    }

    public UUID getCreationToken() {
        return creationToken;
    }

    public ReferralStatus getStatus() {
        return status;
    }

    public String getParentLastName() {
        return parentLastName;
    }

    public String getParentFirstName() {
        return parentFirstName;
    }

    public String getFranceTravailId() {
        return franceTravailId;
    }

    public boolean isJobSeekerAttested() {
        return jobSeekerAttested;
    }

    public String getCafNumber() {
        return cafNumber;
    }

    public String getPhone() {
        return phone;
    }

    public String getEmail() {
        return email;
    }

    public String getCommuneCode() {
        return communeCode;
    }

    public String getDepartementCode() {
        return departementCode;
    }

    public Boolean getSingleParent() {
        return singleParent;
    }

    public Boolean getRsaRecipient() {
        return rsaRecipient;
    }

    public Boolean getQpvResident() {
        return qpvResident;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public LocalDate getPurposeDate() {
        return purposeDate;
    }

    public String getPurposeOrganisation() {
        return purposeOrganisation;
    }

    public String getPurposeCommuneCode() {
        return purposeCommuneCode;
    }

    public CareNeed getNeed() {
        return need;
    }

    public boolean isEmergency() {
        return need == CareNeed.EMERGENCY_HOME_CARE;
    }

    public LocalDate getFirstDay() {
        return firstDay;
    }

    public LocalTime getFirstDayStartTime() {
        return firstDayStartTime;
    }

    public LocalDate getLastDay() {
        return lastDay;
    }

    public Set<DayOfWeek> getRegularDays() {
        return regularDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(regularDays);
    }

    public LocalTime getRegularStartTime() {
        return regularStartTime;
    }

    public LocalTime getRegularEndTime() {
        return regularEndTime;
    }

    public LocalDate getConsentGivenOn() {
        return consentGivenOn;
    }

    public UserAccount getConsentCollectedBy() {
        return consentCollectedBy;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Instant getLastTransitionAt() {
        return lastTransitionAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }

    public List<ReferralChild> getChildren() {
        return List.copyOf(children);
    }

    public List<ReferralTransition> getTransitions() {
        return List.copyOf(transitions);
    }
}
