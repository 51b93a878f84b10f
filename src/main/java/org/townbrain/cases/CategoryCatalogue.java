package org.townbrain.cases;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;

/** The category catalogue: read by everyone, edited and imported by the county office. */
@Service
class CategoryCatalogue {

    /** The column order of the XLSX import and export. */
    static final List<String> COLUMNS = List.of("code", "kind", "major_code", "major_name", "minor_code", "name",
            "acceptance", "limit_value", "limit_unit", "closing", "default_unit", "active");

    private final JdbcClient jdbc;

    CategoryCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Category> all() {
        return jdbc.sql("select * from cases_category order by kind desc, code").query(this::map).list();
    }

    List<Category> active() {
        return all().stream().filter(Category::active).toList();
    }

    Optional<Category> find(String code) {
        if (code == null || !code.matches("[CE]\\d{4}")) {
            return Optional.empty();
        }
        return jdbc.sql("select * from cases_category where code = :c").param("c", code).query(this::map).optional();
    }

    Category require(String code) {
        return find(code).filter(Category::active)
                .orElseThrow(() -> new RejectedException("categoryCode", "未知的问题小类 / unknown category: " + code));
    }

    @Transactional
    void update(Category category) {
        int rows = jdbc.sql("""
                update cases_category set major_name = :mn, name = :n, acceptance = :a, limit_value = :lv, limit_unit = :lu,
                  closing = :c, default_unit = :u, active = :act, version = version + 1
                where code = :code and version = :v""")
                .param("mn", category.majorName()).param("n", category.name()).param("a", category.acceptance())
                .param("lv", category.limit().value()).param("lu", category.limit().unit().name())
                .param("c", category.closing()).param("u", category.defaultUnit()).param("act", category.active())
                .param("code", category.code()).param("v", category.version()).update();
        if (rows == 0) {
            throw new ConflictException("该小类已被他人修改，请刷新 / changed by someone else, reload");
        }
    }

    /** Inserts or replaces every row of the sheet; all or nothing. Returns the number of rows. */
    @Transactional
    int importXlsx(InputStream in) {
        List<Category> rows = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            Sheet sheet = workbook.getFirstSheet();
            List<Row> all = sheet.read();
            for (int i = 1; i < all.size(); i++) {
                Row row = all.get(i);
                if (text(row, 0).isBlank()) {
                    continue;
                }
                try {
                    rows.add(new Category(text(row, 0), Category.Kind.valueOf(text(row, 1)), text(row, 2), text(row, 3),
                            text(row, 4), text(row, 5), text(row, 6),
                            new TimeLimit((int) Double.parseDouble(text(row, 7)), TimeLimit.Unit.valueOf(text(row, 8))),
                            text(row, 9), text(row, 10), !"false".equalsIgnoreCase(text(row, 11)), 0));
                } catch (RuntimeException e) {
                    throw new RejectedException("file", "第 " + (i + 1) + " 行有误 / row " + (i + 1) + " is invalid");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedException rejected) {
                throw rejected;
            }
            throw new RejectedException("file", "不是有效的 XLSX 文件 / not a readable XLSX file");
        }
        if (rows.isEmpty()) {
            throw new RejectedException("file", "文件中没有小类 / the file holds no categories");
        }
        for (Category c : rows) {
            jdbc.sql("""
                    insert into cases_category (code, kind, major_code, major_name, minor_code, name, acceptance, limit_value,
                      limit_unit, closing, default_unit, active)
                    values (:code, :k, :mc, :mn, :mi, :n, :a, :lv, :lu, :c, :u, :act)
                    on conflict (code) do update set major_name = excluded.major_name, name = excluded.name,
                      acceptance = excluded.acceptance, limit_value = excluded.limit_value, limit_unit = excluded.limit_unit,
                      closing = excluded.closing, default_unit = excluded.default_unit, active = excluded.active,
                      version = cases_category.version + 1""")
                    .param("code", c.code()).param("k", c.kind().name()).param("mc", c.majorCode())
                    .param("mn", c.majorName()).param("mi", c.minorCode()).param("n", c.name()).param("a", c.acceptance())
                    .param("lv", c.limit().value()).param("lu", c.limit().unit().name()).param("c", c.closing())
                    .param("u", c.defaultUnit()).param("act", c.active()).update();
        }
        return rows.size();
    }

    private static String text(Row row, int i) {
        return row.getOptionalCell(i).map(cell -> cell.getRawValue() == null ? "" : cell.getRawValue().strip()).orElse("");
    }

    private Category map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Category(rs.getString("code"), Category.Kind.valueOf(rs.getString("kind")), rs.getString("major_code"),
                rs.getString("major_name"), rs.getString("minor_code"), rs.getString("name"), rs.getString("acceptance"),
                new TimeLimit(rs.getInt("limit_value"), TimeLimit.Unit.valueOf(rs.getString("limit_unit"))),
                rs.getString("closing"), rs.getString("default_unit"), rs.getBoolean("active"), rs.getInt("version"));
    }
}
