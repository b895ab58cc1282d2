package fr.passerelle.statistics;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Providers have no statistics: only the Caf and prescribers evaluate the scheme. */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class StatisticsNotAllowedException extends RuntimeException {

    public StatisticsNotAllowedException() {
        super("Statistics are for Caf officers, administrators and advisors");
    }
}
