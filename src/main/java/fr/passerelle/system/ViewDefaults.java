package fr.passerelle.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page may need to show times: the current instant and the configured time zone. */
@ControllerAdvice
class ViewDefaults {

    private final Clock clock;

    ViewDefaults(Clock clock) {
        this.clock = clock;
    }

    @ModelAttribute("now")
    Instant now() {
        return clock.instant();
    }

    @ModelAttribute("zone")
    ZoneId zone() {
        return clock.getZone();
    }
}
