/**
 * Data protection: retention (anonymisation of finished referrals, deletion of drafts never sent), the log of who
 * viewed a family's personal data, the rights of access and the withdrawal of consent.
 */
@ApplicationModule(allowedDependencies = {"routing", "referral", "audit", "organisation", "system"})
package fr.passerelle.privacy;

import org.springframework.modulith.ApplicationModule;
