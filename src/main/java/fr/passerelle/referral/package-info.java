/** Referrals (orientations): the advisor files a family's childcare need, follows it, and sees its timeline. */
package fr.passerelle.referral;
