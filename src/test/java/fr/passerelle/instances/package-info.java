/** Several instances of the application on one PostgreSQL, and the database going away under them. */
package fr.passerelle.instances;
