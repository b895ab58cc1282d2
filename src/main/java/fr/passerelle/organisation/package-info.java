/** Organisations, their users and roles, and how users sign in (form login, lockout, organisation scoping). */
package fr.passerelle.organisation;
