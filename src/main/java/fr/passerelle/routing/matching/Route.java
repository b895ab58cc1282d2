package fr.passerelle.routing.matching;

import fr.passerelle.referral.CareNeed;

/** Which providers a need is routed to. */
public enum Route {

    /** Emergency one-off care at home: home-care services covering the family's commune. */
    HOME_CARE,
    /** Occasional or regular care: AVIP childminders and AVIP crèches' emergency places. */
    CHILDMINDER_OR_CRECHE;

    public static Route of(CareNeed need) {
        return need == CareNeed.EMERGENCY_HOME_CARE ? HOME_CARE : CHILDMINDER_OR_CRECHE;
    }
}
