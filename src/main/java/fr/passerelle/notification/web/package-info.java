/**
 * The reading side of notifications: the bell and the list of a person's notifications, and the administrators'
 * view of the email outbox (what waits, what was sent, what failed, and retrying).
 */
package fr.passerelle.notification.web;
