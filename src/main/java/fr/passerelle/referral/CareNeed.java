package fr.passerelle.referral;

/** The kind of care asked for, which decides where the case is routed. */
public enum CareNeed {

    /** Emergency one-off care at home (garde ponctuelle d'urgence à domicile), by a home-care service within 24 h. */
    EMERGENCY_HOME_CARE,
    /** Occasional care (accueil occasionnel) by an AVIP childminder or crèche. */
    OCCASIONAL,
    /** Regular care (accueil régulier) on given days and hours. */
    REGULAR
}
