/** The registry of providers: childminders and their AVIP labels, home-care services and AVIP crèches. */
package fr.passerelle.provider;
