/** A load driver that measures the pages and the writes of an application already running on this machine. */
package fr.passerelle.benchmark;
