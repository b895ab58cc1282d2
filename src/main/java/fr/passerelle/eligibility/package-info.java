/** Whether a referral meets the scheme's conditions: five named rules, each giving its outcome and the reason why. */
package fr.passerelle.eligibility;
