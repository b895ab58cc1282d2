/**
 * Demo data for the local run (profile {@code demo}): the Caf de l'Essonne and its partners; with profile
 * {@code national}, a country's worth of data for load tests. Never in production.
 */
package fr.passerelle.demo;
