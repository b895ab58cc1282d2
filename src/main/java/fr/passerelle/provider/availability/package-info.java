/** A childminder's availability: her periods of absence, which routing respects, and her AVIP places free. */
package fr.passerelle.provider.availability;
