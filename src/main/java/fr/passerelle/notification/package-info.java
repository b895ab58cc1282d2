/**
 * Notifications: people are told at once that work waits for them, by email (an outbox recorded in the transaction
 * of the change, sent after by a job) and in the application (the bell), and providers answer offers from the email.
 */
@ApplicationModule(allowedDependencies = {
        "routing", "routing::offer", "routing::queue", "eligibility", "referral", "privacy", "relais", "allowance",
        "audit", "organisation", "system",
        "followup"})
package fr.passerelle.notification;

import org.springframework.modulith.ApplicationModule;
