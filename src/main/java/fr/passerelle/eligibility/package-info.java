/** Whether a referral meets the scheme's conditions: five named rules, each giving its outcome and the reason why. */
@ApplicationModule(allowedDependencies = {"referral", "organisation", "territory", "system"})
package fr.passerelle.eligibility;

import org.springframework.modulith.ApplicationModule;
