package org.townbrain.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.access.AuditLog;
import org.townbrain.access.CurrentUser;
import org.townbrain.access.Role;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * The public satisfaction questionnaire. An answer needs a one-time survey code that the county
 * issues for a town and year (printed slips handed to households, or a list for a service hall):
 * the scarce thing that stops one person answering a hundred times. The database keeps only a
 * hash of each code, salted with the town and year, and the answer is filed under that hash, so
 * answers cannot be linked to a person. Once the county accepts a town's assessment the survey
 * is closed and the satisfaction figure frozen (see {@link AssessmentRepository#frozenTallies}).
 */
@Service
@Transactional
class Surveys {

    static final int MAX_CODES_PER_ISSUE = 5000;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int CODE_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SurveyRepository repository;
    private final CatalogueRepository catalogues;
    private final AssessmentRepository assessments;
    private final Regions regions;
    private final Users users;
    private final AuditLog audit;
    private final Clock clock;

    Surveys(SurveyRepository repository, CatalogueRepository catalogues, AssessmentRepository assessments, Regions regions,
            Users users, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.catalogues = catalogues;
        this.assessments = assessments;
        this.regions = regions;
        this.users = users;
        this.audit = audit;
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

    /** Whether the survey still takes answers: not once the county has accepted (or locked) the town's assessment. */
    @Transactional(readOnly = true)
    boolean open(String townCode, int year) {
        return assessments.find(townCode, year)
                .map(a -> a.status() != Assessment.Status.ACCEPTED && a.status() != Assessment.Status.LOCKED).orElse(true);
    }

    /** Whether this code has been used for this town-year. */
    @Transactional(readOnly = true)
    boolean answered(String townCode, int year, String code) {
        String normal = normalise(code);
        return normal != null && Boolean.TRUE.equals(repository.codeUsed(townCode, year, respondent(townCode, year, normal)));
    }

    /**
     * Issues {@code count} new one-time codes for a town-year (county office only). The codes are
     * returned once, to be printed; only their hashes are kept.
     */
    List<String> issue(String townCode, int year, int count) {
        if (!users.current().map(u -> u.is(Role.COUNTY_ADMIN)).orElse(false)) {
            throw new AccessDeniedException("survey codes are issued by the county office");
        }
        form(townCode, year);
        if (count < 1 || count > MAX_CODES_PER_ISSUE) {
            throw new RejectedException("count", "每次发放 1–" + MAX_CODES_PER_ISSUE + " 个问卷码 / issue 1 to "
                    + MAX_CODES_PER_ISSUE + " codes at a time");
        }
        if (!open(townCode, year)) {
            throw new ConflictException("本年度评价已审核通过，问卷已关闭 / the assessment is accepted; the survey is closed");
        }
        List<String> codes = new ArrayList<>(count);
        while (codes.size() < count) {
            char[] chars = new char[CODE_LENGTH];
            for (int i = 0; i < CODE_LENGTH; i++) {
                chars[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
            }
            codes.add(new String(chars));
        }
        String by = users.current().map(CurrentUser::username).orElseThrow();
        long batch = repository.issue(townCode, year, codes.stream().map(c -> respondent(townCode, year, c)).distinct().toList(),
                by, clock.instant());
        audit.record("evaluation.survey-codes", "batch " + batch + ": " + count + " codes for " + townCode + "/" + year);
        return codes;
    }

    /** Records one respondent's answers (1 satisfied … 4 dissatisfied, one per question) against a one-time code. */
    void answer(String townCode, int year, String code, int[] answers) {
        Form form = form(townCode, year);
        if (!open(townCode, year)) {
            throw new ConflictException("本年度评价已审核通过，问卷已关闭 / the year's assessment is accepted; the survey is closed");
        }
        String normal = normalise(code);
        if (normal == null) {
            throw new RejectedException("code", "请填写问卷卡上的 10 位问卷码 / enter the 10-character code from your survey card");
        }
        if (answers == null || answers.length != form.questions().size()) {
            throw new RejectedException("answers", "请回答全部 " + form.questions().size() + " 个问题 / please answer every question");
        }
        for (int a : answers) {
            if (a < 1 || a > 4) {
                throw new RejectedException("answers", "答案应为 1–4 / answers are 1 to 4");
            }
        }
        String respondent = respondent(townCode, year, normal);
        switch (repository.redeem(townCode, year, respondent, clock.instant())) {
            case UNKNOWN -> throw new RejectedException("code", "问卷码无效 / this code is not valid for this survey");
            case BEFORE -> throw new ConflictException("该问卷码已经使用过 / this code has already been used");
            case NOW -> repository.add(townCode, year, respondent, answers, clock.instant());
        }
    }

    /** A code as typed or scanned: spaces and dashes ignored, case-insensitive, Crockford's look-alikes; null if it cannot be one. */
    static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String normal = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT).replace('I', '1').replace('L', '1')
                .replace('O', '0');
        if (normal.length() != CODE_LENGTH || !normal.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        return normal;
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
