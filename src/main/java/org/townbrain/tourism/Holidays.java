package org.townbrain.tourism;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.RejectedException;

/** The holiday calendar as data: which days make up each year's public holidays. */
@Service
class Holidays {

    record Holiday(int year, String code, String nameZh, String nameEn, LocalDate from, LocalDate to) {
        public int days() {
            return (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        }
    }

    private final JdbcClient jdbc;

    Holidays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Holiday> find(int year, String code) {
        return jdbc.sql("select year, code, name_zh, name_en, start_date, end_date from tourism_holiday where year = :y and code = :c")
                .param("y", year).param("c", code).query(Holidays::map).optional();
    }

    List<Holiday> ofYear(int year) {
        return jdbc.sql("select year, code, name_zh, name_en, start_date, end_date from tourism_holiday where year = :y order by start_date")
                .param("y", year).query(Holidays::map).list();
    }

    List<Holiday> sameHolidayBefore(int year, String code) {
        return jdbc.sql("select year, code, name_zh, name_en, start_date, end_date from tourism_holiday where code = :c and year < :y order by year")
                .param("y", year).param("c", code).query(Holidays::map).list();
    }

    List<Integer> years() {
        return jdbc.sql("select distinct year from tourism_holiday order by year desc").query(Integer.class).list();
    }

    @Transactional
    void save(int year, String code, String nameZh, String nameEn, LocalDate from, LocalDate to) {
        if (code == null || !code.matches("[a-z][a-z0-9-]{1,40}")) {
            throw new RejectedException("code", "代码用小写字母、数字和 - ，如 national-day / lower-case code such as national-day");
        }
        if (from == null || to == null || to.isBefore(from) || to.toEpochDay() - from.toEpochDay() > 30) {
            throw new RejectedException("to", "结束日期须不早于开始日期，假期不超过 31 天 / the end must not precede the start; at most 31 days");
        }
        if (from.getYear() != year && to.getYear() != year) {
            throw new RejectedException("from", "日期须在该年份内 / the dates must fall in that year");
        }
        if (nameZh == null || nameZh.isBlank()) {
            throw new RejectedException("nameZh", "请填写名称 / name the holiday");
        }
        jdbc.sql("""
                insert into tourism_holiday (year, code, name_zh, name_en, start_date, end_date) values (:y, :c, :zh, :en, :f, :t)
                on conflict (year, code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
                    start_date = excluded.start_date, end_date = excluded.end_date""")
                .param("y", year).param("c", code).param("zh", nameZh.strip())
                .param("en", nameEn == null || nameEn.isBlank() ? code : nameEn.strip()).param("f", from).param("t", to)
                .update();
    }

    private static Holiday map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Holiday(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class));
    }
}
