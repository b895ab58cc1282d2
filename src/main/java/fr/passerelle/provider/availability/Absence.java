package fr.passerelle.provider.availability;

import java.time.LocalDate;

/** One period a childminder declared herself away, first and last day included. */
public record Absence(long id, AbsenceReason reason, LocalDate firstDay, LocalDate lastDay) {
}
