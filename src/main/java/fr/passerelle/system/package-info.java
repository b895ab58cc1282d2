/** Cross-cutting pieces: database start-up, web and security configuration, layout, locale, errors and time. */
package fr.passerelle.system;
