package org.townbrain.village;

/** Surface-water class by ammonia nitrogen (NH3-N, mg/L), the limits of GB 3838-2002 table 1. */
enum WaterClass {
    I, II, III, IV, V, WORSE_THAN_V;

    static WaterClass ofAmmonia(double mgPerLitre) {
        if (mgPerLitre <= 0.15) {
            return I;
        }
        if (mgPerLitre <= 0.5) {
            return II;
        }
        if (mgPerLitre <= 1.0) {
            return III;
        }
        if (mgPerLitre <= 1.5) {
            return IV;
        }
        return mgPerLitre <= 2.0 ? V : WORSE_THAN_V;
    }
}
