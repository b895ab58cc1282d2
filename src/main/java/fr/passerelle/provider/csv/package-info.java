/** The childminders' registry as a CSV file: its columns, reading and checking an import, the export and template. */
package fr.passerelle.provider.csv;
