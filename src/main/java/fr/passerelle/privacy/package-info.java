/**
 * Data protection: retention (anonymisation of finished referrals, deletion of drafts never sent), the log of who
 * viewed a family's personal data, the rights of access and the withdrawal of consent.
 */
package fr.passerelle.privacy;
