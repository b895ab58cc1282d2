/** The page each role lands on after signing in. */
package fr.passerelle.home;
