/**
 * Whether a referral meets the scheme's conditions: five named rules, each giving its outcome and the reason why, with
 * each Caf's purposes (offered and eligible, versioned by date) applied as they stood when the referral was sent.
 */
@ApplicationModule(allowedDependencies = {"referral", "organisation", "territory", "system", "audit"})
package fr.passerelle.eligibility;

import org.springframework.modulith.ApplicationModule;
