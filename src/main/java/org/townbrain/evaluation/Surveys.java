package org.townbrain.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * The public satisfaction questionnaire. A respondent is known only by a random token kept in
 * their browser; the database holds a hash of it, salted with the town and year, so answers
 * cannot be linked to a person or across towns, yet one browser answers once per town-year.
 */
@Service
@Transactional
class Surveys {

    private final SurveyRepository repository;
    private final CatalogueRepository catalogues;
    private final AssessmentRepository assessments;
    private final Regions regions;
    private final Clock clock;

    Surveys(SurveyRepository repository, CatalogueRepository catalogues, AssessmentRepository assessments, Regions regions,
            Clock clock) {
        this.repository = repository;
        this.catalogues = catalogues;
        this.assessments = assessments;
        this.regions = regions;
        this.clock = clock;
    }

    record Form(Town town, int year, List<String> questions) {
    }

    @Transactional(readOnly = true)
    Form form(String townCode, int year) {
        Town town = regions.town(townCode).filter(Town::inProgramme).orElseThrow(() -> new NotFoundException("town"));
        Catalogue catalogue = catalogues.find(year).filter(c -> !c.questions().isEmpty())
                .orElseThrow(() -> new NotFoundException("survey"));
        return new Form(town, year, catalogue.questions());
    }

    @Transactional(readOnly = true)
    boolean answered(String townCode, int year, String token) {
        return token != null && repository.answered(townCode, year, respondent(townCode, year, token));
    }

    /** Records one respondent's answers (1 satisfied … 4 dissatisfied, one per question). */
    void answer(String townCode, int year, String token, int[] answers) {
        Form form = form(townCode, year);
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,100}")) {
            throw new RejectedException("token", "请允许浏览器保存 Cookie 后重新打开问卷 / please allow cookies and reopen the survey");
        }
        if (assessments.find(townCode, year).map(a -> a.status() == Assessment.Status.LOCKED).orElse(false)) {
            throw new ConflictException("本年度评价已锁定，问卷已关闭 / the year's assessment is locked; the survey is closed");
        }
        if (answers == null || answers.length != form.questions().size()) {
            throw new RejectedException("answers", "请回答全部 " + form.questions().size() + " 个问题 / please answer every question");
        }
        for (int a : answers) {
            if (a < 1 || a > 4) {
                throw new RejectedException("answers", "答案应为 1–4 / answers are 1 to 4");
            }
        }
        if (!repository.add(townCode, year, respondent(townCode, year, token), answers, clock.instant())) {
            throw new ConflictException("您已经填写过本镇本年度的问卷 / you have already answered this survey");
        }
    }

    static String respondent(String townCode, int year, String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((townCode + ":" + year + ":" + token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
