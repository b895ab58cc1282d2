package fr.passerelle.territory;

import java.util.List;
import java.util.Objects;

/** What {@link CommuneDirectory#resolve(String)} made of what a user typed. */
public sealed interface CommuneResolution {

    /** Exactly one commune. */
    record Found(Commune commune) implements CommuneResolution {

        public Found {
            Objects.requireNonNull(commune, "commune");
        }
    }

    /** No commune: unknown name or code, or nothing typed. */
    record NotFound() implements CommuneResolution {
    }

    /** Several communes, most populous first, for the user to choose from by their {@link Commune#label()}. */
    record Ambiguous(List<Commune> candidates) implements CommuneResolution {

        public Ambiguous {
            candidates = List.copyOf(candidates);
        }
    }
}
