/** Demo data for the local run (profile {@code demo}): the Caf de l'Essonne and its partners. Never in production. */
package fr.passerelle.demo;
