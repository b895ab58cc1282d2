package fr.passerelle.referral;

/**
 * Someone was shown a referral's personal data (the family's names, contacts, children). Published by the page that
 * showed it, so that the access is logged (privacy package).
 *
 * @param referralId the referral shown
 * @param viewerId who saw it
 * @param page which page: {@code ADVISOR_DETAIL}, {@code OFFICER_REVIEW}, {@code OFFICER_ROUTING}…
 */
public record ReferralViewed(long referralId, long viewerId, String page) {
}
