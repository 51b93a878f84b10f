package org.townbrain.region;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.DivisionCsv.Row;
import org.townbrain.region.DivisionCsv.Sheet;
import org.townbrain.region.DivisionImportReport.Counts;
import org.townbrain.region.DivisionImportReport.Rejection;

/**
 * Imports one county's towns and villages from division CSVs (the county's own files or a whole
 * province's or country's, filtered by county code). Idempotent: running it again changes
 * nothing; a renamed division is updated; bad rows are reported and skipped, good rows kept.
 */
@Service
public class DivisionImport {

    private static final Logger log = LoggerFactory.getLogger(DivisionImport.class);

    private final JdbcClient jdbc;

    DivisionImport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The CSV files of one import; {@code counties} may be null when the county already exists. */
    public record Files(String countiesName, InputStream counties, String townsName, InputStream towns,
            String villagesName, InputStream villages) {
    }

    @Transactional
    public DivisionImportReport importCounty(String countyCode, Files files) throws IOException {
        if (!DivisionCode.isValid(countyCode) || countyCode.length() != 6) {
            throw new RejectedException("countyCode", "县级区划代码应为 6 位数字 / a county code has 6 digits");
        }
        List<Rejection> rejections = new ArrayList<>();
        String countyName = importCountyRow(countyCode, files, rejections);
        Sheet towns = DivisionCsv.read(files.towns());
        requireColumns(towns, files.townsName(), "code", "name", "areaCode");
        Counts townCounts = importTowns(countyCode, files.townsName(), towns, rejections);
        Counts villageCounts = new Counts(0, 0, 0, 0);
        if (files.villages() != null) {
            Sheet villages = DivisionCsv.read(files.villages());
            requireColumns(villages, files.villagesName(), "code", "name", "streetCode");
            villageCounts = importVillages(countyCode, files.villagesName(), villages, rejections);
        }
        log.info("Imported divisions of county {}: towns {}, villages {}, {} rejected",
                countyCode, townCounts, villageCounts, rejections.size());
        return new DivisionImportReport(countyCode, countyName, townCounts, villageCounts, rejections);
    }

    private String importCountyRow(String countyCode, Files files, List<Rejection> rejections) throws IOException {
        String existing = jdbc.sql("select name from region_county where code = :c").param("c", countyCode)
                .query(String.class).optional().orElse(null);
        if (files.counties() == null) {
            if (existing == null) {
                throw new RejectedException("counties", "县 " + countyCode + " 尚未导入，请同时上传县级区划文件 / "
                        + "county not known yet: include the counties file");
            }
            return existing;
        }
        Sheet counties = DivisionCsv.read(files.counties());
        requireColumns(counties, files.countiesName(), "code", "name", "cityCode", "provinceCode");
        Row row = counties.rows().stream().filter(r -> r.get("code").equals(countyCode)).findFirst()
                .orElseThrow(() -> new RejectedException("counties", "文件 " + files.countiesName() + " 中没有县 "
                        + countyCode + " / county not in the counties file"));
        String name = row.get("name");
        if (existing == null) {
            jdbc.sql("insert into region_county (code, name, province_code, city_code) values (:c, :n, :p, :city)")
                    .param("c", countyCode).param("n", name).param("p", row.get("provinceCode"))
                    .param("city", row.get("cityCode")).update();
        } else if (!existing.equals(name)) {
            jdbc.sql("update region_county set name = :n where code = :c").param("n", name).param("c", countyCode).update();
        }
        return name;
    }

    private Counts importTowns(String countyCode, String file, Sheet sheet, List<Rejection> rejections) {
        sheet.malformed().forEach(m -> rejections.add(new Rejection(file, m.line(), "", m.reason())));
        Map<String, String> existing = new HashMap<>();
        jdbc.sql("select code, name from region_town where county_code = :c").param("c", countyCode)
                .query(rs -> {
                    existing.put(rs.getString(1), rs.getString(2));
                });
        int added = 0;
        int changed = 0;
        int unchanged = 0;
        int skipped = 0;
        Set<String> seen = new HashSet<>();
        for (Row row : sheet.rows()) {
            String code = row.get("code");
            String name = row.get("name");
            if (!row.get("areaCode").equals(countyCode)) {
                skipped++;
                continue;
            }
            String problem = !DivisionCode.isValid(code) || code.length() != 9 ? "乡镇代码应为 9 位数字 / town code must have 9 digits"
                    : !code.startsWith(countyCode) ? "代码不属于该县 / code outside the county"
                    : name.isEmpty() ? "名称为空 / empty name"
                    : !seen.add(code) ? "文件中代码重复 / duplicate code in file" : null;
            if (problem != null) {
                rejections.add(new Rejection(file, row.line(), code, problem));
                continue;
            }
            String before = existing.get(code);
            if (before == null) {
                jdbc.sql("insert into region_town (code, county_code, name, kind) values (:code, :county, :name, :kind)")
                        .param("code", code).param("county", countyCode).param("name", name)
                        .param("kind", TownKind.of(name, code).name()).update();
                added++;
            } else if (!before.equals(name)) {
                jdbc.sql("update region_town set name = :name, kind = :kind, version = version + 1 where code = :code")
                        .param("code", code).param("name", name).param("kind", TownKind.of(name, code).name()).update();
                changed++;
            } else {
                unchanged++;
            }
        }
        return new Counts(added, changed, unchanged, skipped);
    }

    private Counts importVillages(String countyCode, String file, Sheet sheet, List<Rejection> rejections) {
        sheet.malformed().forEach(m -> rejections.add(new Rejection(file, m.line(), "", m.reason())));
        Set<String> towns = new HashSet<>(jdbc.sql("select code from region_town where county_code = :c")
                .param("c", countyCode).query(String.class).list());
        Map<String, String[]> existing = new HashMap<>();
        jdbc.sql("select v.code, v.name, v.town_code from region_village v join region_town t on t.code = v.town_code "
                + "where t.county_code = :c").param("c", countyCode)
                .query(rs -> {
                    existing.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                });
        int added = 0;
        int changed = 0;
        int unchanged = 0;
        int skipped = 0;
        Set<String> seen = new HashSet<>();
        for (Row row : sheet.rows()) {
            String code = row.get("code");
            String name = row.get("name");
            String town = row.get("streetCode");
            if (!town.startsWith(countyCode)) {
                skipped++;
                continue;
            }
            String problem = !DivisionCode.isValid(code) || code.length() != 12 ? "村级代码应为 12 位数字 / village code must have 12 digits"
                    : !code.startsWith(town) ? "村代码与所属乡镇不符 / code not within its town"
                    : !towns.contains(town) ? "所属乡镇 " + town + " 不存在 / unknown town"
                    : name.isEmpty() ? "名称为空 / empty name"
                    : !seen.add(code) ? "文件中代码重复 / duplicate code in file" : null;
            if (problem != null) {
                rejections.add(new Rejection(file, row.line(), code, problem));
                continue;
            }
            String kind = name.endsWith("社区") ? "COMMUNITY" : "VILLAGE";
            String[] before = existing.get(code);
            if (before == null) {
                jdbc.sql("insert into region_village (code, town_code, name, kind) values (:code, :town, :name, :kind)")
                        .param("code", code).param("town", town).param("name", name).param("kind", kind).update();
                jdbc.sql("insert into region_grid (village_code, name) values (:code, :name) on conflict do nothing")
                        .param("code", code).param("name", name + "网格").update();
                added++;
            } else if (!before[0].equals(name) || !before[1].equals(town)) {
                jdbc.sql("update region_village set name = :name, town_code = :town, kind = :kind, version = version + 1 "
                        + "where code = :code").param("code", code).param("town", town).param("name", name)
                        .param("kind", kind).update();
                changed++;
            } else {
                unchanged++;
            }
        }
        return new Counts(added, changed, unchanged, skipped);
    }

    private static void requireColumns(Sheet sheet, String file, String... columns) {
        if (!sheet.hasColumns(columns)) {
            throw new RejectedException(file, "文件 " + file + " 缺少列 " + String.join(",", columns)
                    + " / missing columns; found " + sheet.header());
        }
    }
}
