/** Referrals (orientations): the advisor files a family's childcare need, follows it, and sees its timeline. */
@ApplicationModule(allowedDependencies = {"organisation", "territory", "system"})
package fr.passerelle.referral;

import org.springframework.modulith.ApplicationModule;
