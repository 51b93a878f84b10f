package org.townbrain.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.townbrain.cases.CaseFigures;
import org.townbrain.cases.CaseStatistics;
import org.townbrain.projects.InvestmentFigures;
import org.townbrain.projects.ProjectStatistics;
import org.townbrain.tourism.TourismStatistics;

/**
 * Indicators the platform computes from its own records, through the other modules' public
 * APIs, so the figure a town reports is the figure its daily work produced. Each value says
 * where it came from; a year without records yields no value (the town enters it by hand).
 */
@Configuration(proxyBeanMethods = false)
class PlatformIndicators {

    /** 基层治理事件按期结案率 = closed on time / due to close, in percent, over the calendar year. */
    @Bean
    IndicatorSource caseOnTimeRate(CaseStatistics cases) {
        return source("GOV_CASE_ONTIME_RATE", (town, year) -> {
            CaseFigures f = cases.town(town, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
            BigDecimal rate = f.onTimeClosingRate();
            return rate == null ? Optional.empty() : Optional.of(new ComputedValue(rate.doubleValue(),
                    "案件模块 / cases: " + f.closedOnTime() + " 按期结案 / closed on time ÷ " + f.dueToClose() + " 应结案 / due"));
        });
    }

    /** 年度美丽城镇项目投资完成率 = actual ÷ planned investment of the year's projects, in percent. */
    @Bean
    IndicatorSource investmentCompletion(ProjectStatistics projects) {
        return source("IND_INVESTMENT_DONE", (town, year) -> {
            InvestmentFigures f = projects.investment(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Set.of(town));
            if (f.planned().signum() == 0) {
                return Optional.empty();
            }
            return Optional.of(new ComputedValue(Math.round(f.completion() * 1000) / 10.0,
                    "项目模块 / projects: 完成 / actual " + f.actual() + " 元 ÷ 计划 / planned " + f.planned() + " 元"));
        });
    }

    /** 年接待游客人次 in 万人次, from the daily figures of the year. */
    @Bean
    IndicatorSource visitors(TourismStatistics tourism) {
        return source("TS_CT_VISITORS", (town, year) -> {
            TourismStatistics.Totals totals = tourism.byTown(Set.of(town), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
                    .get(town);
            if (totals == null || totals.visitors() == 0) {
                return Optional.empty();
            }
            return Optional.of(new ComputedValue(Math.round(totals.visitors() / 100.0) / 100.0,
                    "文旅模块 / tourism: " + totals.visitors() + " 人次 / visitors"));
        });
    }

    private interface Computation {
        Optional<ComputedValue> compute(String townCode, int year);
    }

    private static IndicatorSource source(String code, Computation computation) {
        return new IndicatorSource() {
            @Override
            public String indicatorCode() {
                return code;
            }

            @Override
            public Optional<ComputedValue> compute(String townCode, int year) {
                return computation.compute(townCode, year);
            }
        };
    }
}
