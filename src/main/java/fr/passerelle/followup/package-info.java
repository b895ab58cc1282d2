/**
 * Follow-up of outcomes and France Travail's childcare aid (issue 20): once a job or a training started, the advisor
 * is asked again at one and six months whether it continues; when care is arranged for a job or a training, the
 * advisor's page tells that the family may qualify for the AGE and records whether it was requested. Both feed the
 * statistics page (retention at one and six months, AGE requested or not).
 */
@ApplicationModule(allowedDependencies = {"referral", "organisation", "audit", "system"})
package fr.passerelle.followup;

import org.springframework.modulith.ApplicationModule;
