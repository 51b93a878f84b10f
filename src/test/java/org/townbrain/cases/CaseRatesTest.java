package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CaseRatesTest {

    @Test
    void matchTheFiguresPublishedForDigitalCityManagement() {
        CaseFigures figures = new CaseFigures("county", 25000, 24950, 23974, 22345, 24100, 24932, 24932, 500, 958);
        assertThat(figures.closingRate()).isEqualByComparingTo(new BigDecimal("96.16"));
        assertThat(figures.onTimeClosingRate()).isEqualByComparingTo(new BigDecimal("89.62"));
        assertThat(CaseRates.percent(23974, 24932)).isEqualByComparingTo("96.16");
        assertThat(CaseRates.percent(22345, 24932)).isEqualByComparingTo("89.62");
    }

    @Test
    void areUndefinedWhenNothingWasDue() {
        assertThat(CaseFigures.empty("330182104").closingRate()).isNull();
        assertThat(CaseRates.percent(0, 0)).isNull();
    }

    @Test
    void addUpTownsIntoTheCounty() {
        CaseFigures a = new CaseFigures("a", 10, 10, 8, 7, 9, 10, 10, 1, 2);
        CaseFigures b = new CaseFigures("b", 5, 5, 5, 5, 5, 5, 5, 0, 0);
        CaseFigures sum = a.plus(b, "county");
        assertThat(sum.closed()).isEqualTo(13);
        assertThat(sum.onTimeClosingRate()).isEqualByComparingTo("80.00");
    }
}
