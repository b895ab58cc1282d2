/** The statistics page, its CSV exports and the administrators' anonymised dataset. */
package fr.passerelle.statistics.web;
