package org.townbrain.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.region.Regions;
import org.townbrain.region.Tier;
import org.townbrain.region.Town;
import org.townbrain.region.TownType;

/**
 * Loads the demo evaluation on first start in demo mode, after the demo county: the assumed
 * 2024 and 2025 catalogues, an assessment of every programme town (2024 locked, 2025 accepted)
 * with plausible generated values, survey answers, and a funding policy per year. The four
 * 2020 model towns (梅城, 寿昌, 乾潭, 大洋) are given values that reach MODEL in 2025.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "townbrain.demo.enabled", havingValue = "true")
class JiandeDemoEvaluation implements ApplicationRunner {

    static final int YEAR = 2025;
    static final Set<String> MODEL_TOWNS = Set.of("330182104", "330182109", "330182102", "330182107");
    /** Towns given a failed hard indicator in the demo, so the gap list has something to show. */
    static final Set<String> STRUGGLING_TOWNS = Set.of("330182202", "330182113");
    private static final Logger log = LoggerFactory.getLogger(JiandeDemoEvaluation.class);

    private final CatalogueRepository catalogues;
    private final AssessmentRepository assessments;
    private final SurveyRepository surveys;
    private final FundingRepository funding;
    private final Regions regions;
    private final TransactionTemplate transaction;
    private final Clock clock;

    JiandeDemoEvaluation(CatalogueRepository catalogues, AssessmentRepository assessments, SurveyRepository surveys,
            FundingRepository funding, Regions regions, TransactionTemplate transaction, Clock clock) {
        this.catalogues = catalogues;
        this.assessments = assessments;
        this.surveys = surveys;
        this.funding = funding;
        this.regions = regions;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (catalogues.find(YEAR).isPresent() || regions.town("330182104").isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            Set<String> types = regions.townTypes().stream().map(TownType::code).collect(Collectors.toSet());
            for (int year : new int[] {YEAR - 1, YEAR}) {
                Catalogue catalogue = catalogue(year, types);
                catalogues.save(catalogue);
                assess(catalogue, year == YEAR ? Assessment.Status.ACCEPTED : Assessment.Status.LOCKED);
                funding.save(policy(year));
            }
        });
        log.info("Loaded the demo evaluation: 2024 and 2025 catalogues, assessments, survey answers, funding (assumed)");
    }

    static Catalogue catalogue(int year, Set<String> types) {
        List<Indicator> indicators = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource("evaluation/demo/catalogue.csv").getInputStream(), StandardCharsets.UTF_8));
                BufferedReader q = new BufferedReader(new InputStreamReader(
                        new ClassPathResource("evaluation/demo/questions.txt").getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = CatalogueSheet.csv(in.readLine());
            String line;
            int row = 1;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> values = CatalogueSheet.csv(line);
                Map<String, String> cells = new HashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    cells.put(header.get(c), c < values.size() ? values.get(c) : "");
                }
                indicators.add(CatalogueSheet.indicator(cells, row, indicators.size() + 1, types));
            }
            List<String> questions = q.lines().filter(s -> !s.isBlank()).toList();
            return new Catalogue(year, year + " 年美丽城镇建设评价指标体系（演示，假设）", 10, PassLines.ASSUMED_DEFAULTS, 30, true,
                    indicators, questions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assess(Catalogue catalogue, Assessment.Status status) {
        int year = catalogue.year();
        for (Town town : regions.towns()) {
            if (!town.inProgramme()) {
                continue;
            }
            Assessment a = assessments.create(town.code(), year);
            Random random = new Random(town.code().hashCode() * 31L + year);
            boolean model = MODEL_TOWNS.contains(town.code()) && (year == YEAR || !"330182107".equals(town.code()));
            boolean struggling = STRUGGLING_TOWNS.contains(town.code()) && year == YEAR;
            double missRate = model ? 0.03 : year == YEAR ? 0.18 : 0.25;
            for (Indicator indicator : catalogue.applicableTo(town.type())) {
                boolean meet = indicator.hard() ? !(struggling && indicator.code().equals("IND_INVESTMENT_DONE"))
                        : random.nextDouble() >= missRate;
                double value = demoValue(indicator, meet, random);
                assessments.putValue(a.id(), new Assessment.Value(indicator.code(), value, Assessment.Source.DEMO,
                        "演示数据（假设） / demo data (assumed)", "", "demo", clock.instant()));
            }
            answerSurvey(town.code(), year, model, random);
            assessments.changeStatus(a, Assessment.Status.SUBMITTED, null, "demo", clock.instant());
            a = assessments.find(town.code(), year).orElseThrow();
            assessments.changeStatus(a, Assessment.Status.ACCEPTED, "演示：审核通过", "county", clock.instant());
            if (status == Assessment.Status.LOCKED) {
                a = assessments.find(town.code(), year).orElseThrow();
                assessments.changeStatus(a, Assessment.Status.LOCKED, null, "county", clock.instant());
            }
        }
    }

    /** A value that meets the target (a little beyond it) or falls short of it. */
    static double demoValue(Indicator i, boolean meet, Random random) {
        double t = i.target();
        double v = switch (i.kind()) {
            case BOOLEAN -> meet ? 1 : 0;
            case PERCENT -> meet ? Math.min(100, t + random.nextDouble() * (100 - t) * 0.6)
                    : Math.max(0, t * (0.72 + random.nextDouble() * 0.2));
            case NUMBER -> i.higherIsBetter()
                    ? (meet ? t * (1 + random.nextDouble() * 0.3) : t * (0.6 + random.nextDouble() * 0.3))
                    : (meet ? t * random.nextDouble() * 0.5 : Math.max(t * 1.5, t + 1 + random.nextInt(5)));
        };
        if (i.kind() == Indicator.Kind.BOOLEAN) {
            return v;
        }
        if (i.kind() == Indicator.Kind.NUMBER && !i.higherIsBetter() && t == 0) {
            return meet ? 0 : 1 + random.nextInt(5);
        }
        double rounded = Math.round(v * 10) / 10.0;
        boolean ok = ScoringRule.meets(rounded, t, i.higherIsBetter());
        return ok == meet ? rounded : v;
    }

    private void answerSurvey(String townCode, int year, boolean model, Random random) {
        int respondents = 40 + random.nextInt(20);
        double[] p = model ? new double[] {0.74, 0.95, 1.0} : new double[] {0.42, 0.76, 0.93};
        for (int r = 0; r < respondents; r++) {
            int[] answers = new int[20];
            for (int q = 0; q < answers.length; q++) {
                double x = random.nextDouble();
                answers[q] = x < p[0] ? 1 : x < p[1] ? 2 : x < p[2] ? 3 : 4;
            }
            surveys.add(townCode, year, Surveys.respondent(townCode, year, "demo-respondent-" + r + "-xxxxxxxxxxxx"), answers,
                    clock.instant());
        }
    }

    static FundingPolicy policy(int year) {
        List<FundingPolicy.Base> bases = new ArrayList<>();
        long[][] amounts = {{3_000_000, 1_500_000}};
        for (String type : List.of("URBAN_NODE", "COUNTY_SUBCENTRE", "CULTURE_TOURISM", "COMMERCE", "INDUSTRY",
                "AGRICULTURE", "GENERAL")) {
            long bump = type.equals("COUNTY_SUBCENTRE") ? 500_000 : 0;
            bases.add(new FundingPolicy.Base(type, Tier.MODEL, amounts[0][0] + bump));
            bases.add(new FundingPolicy.Base(type, Tier.BASELINE, amounts[0][1] + bump / 2));
        }
        List<FundingPolicy.Reward> rewards = List.of(
                new FundingPolicy.Reward("MODEL_AWARD", "创成样板镇奖励", "TIER=MODEL", 1_000_000),
                new FundingPolicy.Reward("TOP3", "全市排名前三", "RANK<=3", 500_000),
                new FundingPolicy.Reward("UPGRADE", "等级提升（较上年）", "UPGRADED", 800_000),
                new FundingPolicy.Reward("SIGNATURE", "十个一全部建成", "SIGNATURE_COMPLETE", 300_000),
                new FundingPolicy.Reward("ONTIME", "基层治理按期结案率达标", "MET:GOV_CASE_ONTIME_RATE", 200_000),
                new FundingPolicy.Reward("SATISFIED", "群众满意度 90% 以上", "SATISFACTION>=90", 300_000));
        List<FundingPolicy.TownPolicy> towns = List.of(
                new FundingPolicy.TownPolicy("330182104", null, 600_000, null, "一镇一策：梅城古城保护利用"),
                new FundingPolicy.TownPolicy("330182109", null, 400_000, null, "一镇一策：寿昌航空小镇配套"),
                new FundingPolicy.TownPolicy("330182202", 1_000_000L, 0, 1_200_000L, "一镇一策：乡级单位定额补助"));
        return new FundingPolicy(year, year == YEAR ? 30_000_000 : 26_000_000, 5_000_000L, true, bases, rewards, towns);
    }
}
