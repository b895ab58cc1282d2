/**
 * Matching: which providers can take a referral's care and in what order. {@link CandidateSearch} reads the
 * referral's care request and the providers' facts in SQL, {@link CandidateRules} excludes with a reason in plain
 * words ({@link ExclusionReason}: what blocks the provider and what would unblock it), and the ranking orders the
 * others by {@link Proximity} within a {@link Route} (ordinary or emergency). A named interface ({@code matching}):
 * demo data searches candidates and sends offers as an officer would; a {@link Candidate} carries its exclusions
 * and proximity, so they are exposed with it.
 */
@NamedInterface("matching")
package fr.passerelle.routing.matching;

import org.springframework.modulith.NamedInterface;
