package cn.govcloud.guard.data.internal;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import cn.govcloud.guard.data.DataSecurity.NewDataset;
import cn.govcloud.guard.data.DataSecurity.Part;
import cn.govcloud.guard.data.DataSecurity.PartKind;
import cn.govcloud.guard.documents.Spreadsheets;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.InvalidInput;

import cn.govcloud.guard.systems.Systems.SystemRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;

/**
 * A8.2: a unit's data catalog to and from .xlsx. The import is all rows or none, each row checked
 * exactly as a single data set (including 就高从严); hostile files are refused before anything is
 * saved, the approach of {@code systems/internal/SystemImport}: size limit, zip-bomb limits, the rows
 * counted in a streaming pass before the workbook is opened, formulas never evaluated (a formula
 * cell is an error), and a header row that must match the template's columns exactly.
 */
@Service
public class DataImport {
    public static final long MAX_BYTES = 5L * 1024 * 1024;
    public static final int MAX_ROWS = 5000;
    public static final List<String> COLUMNS = List.of("系统", "数据集名称", "描述", "业务领域", "数据量", "存储位置", "数据级别", "危害对象", "危害程度",
            "定级说明", "组成部分");
    private static final List<String> FIELDS = List.of("systemId", "name", "description", "businessArea", "volume", "storageLocation", "grade",
            "harmObject", "harmSeverity", "gradingNote", "parts");
    private static final Pattern PART_SEPARATOR = Pattern.compile("[；;\\r\\n]+");
    static final Map<Grade, String> GRADES = new LinkedHashMap<>();
    static final Map<HarmObject, String> OBJECTS = new LinkedHashMap<>();
    static final Map<HarmSeverity, String> SEVERITIES = new LinkedHashMap<>();
    static final Map<PartKind, String> KINDS = new LinkedHashMap<>();

    static {
        GRADES.put(Grade.CORE, "核心数据");
        GRADES.put(Grade.IMPORTANT, "重要数据");
        GRADES.put(Grade.GENERAL_4, "一般数据4级");
        GRADES.put(Grade.GENERAL_3, "一般数据3级");
        GRADES.put(Grade.GENERAL_2, "一般数据2级");
        GRADES.put(Grade.GENERAL_1, "一般数据1级");
        OBJECTS.put(HarmObject.NATIONAL_SECURITY, "国家安全");
        OBJECTS.put(HarmObject.ECONOMY, "经济运行");
        OBJECTS.put(HarmObject.SOCIAL_ORDER, "社会秩序");
        OBJECTS.put(HarmObject.PUBLIC_INTEREST, "公共利益");
        OBJECTS.put(HarmObject.ORGANISATION, "组织权益");
        OBJECTS.put(HarmObject.INDIVIDUAL, "个人权益");
        SEVERITIES.put(HarmSeverity.PARTICULARLY_SERIOUS, "特别严重危害");
        SEVERITIES.put(HarmSeverity.SERIOUS, "严重危害");
        SEVERITIES.put(HarmSeverity.GENERAL, "一般危害");
        SEVERITIES.put(HarmSeverity.NONE, "无危害");
        KINDS.put(PartKind.PERSONAL, "个人信息");
        KINDS.put(PartKind.SENSITIVE_PERSONAL, "敏感个人信息");
        KINDS.put(PartKind.BUSINESS, "业务数据");
        KINDS.put(PartKind.PUBLIC, "公开数据");
    }

    /** Some rows are wrong: nothing was saved. */
    public static final class ImportRefused extends Spreadsheets.RowsRefused {
        ImportRefused(List<Spreadsheets.RowError> errors) {
            super("data.import.error.rows", errors);
        }
    }

    private final DataCatalog catalog;
    private final DataQueries queries;

    DataImport(DataCatalog catalog, DataQueries queries) {
        this.catalog = catalog;
        this.queries = queries;
    }

    /** Data sets the reader found (a unit its own, the supervisor and regulators every unit's) as a workbook in the import's columns. */
    public byte[] export(List<Dataset> sets) {
        return workbook(sets);
    }

    public byte[] template() {
        return workbook(List.of());
    }

    private static byte[] workbook(List<Dataset> sets) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("数据资源目录");
            Row header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(COLUMNS.get(i));
                sheet.setColumnWidth(i, 20 * 256);
            }
            int r = 1;
            for (Dataset d : sets) {
                Row row = sheet.createRow(r++);
                String parts = d.parts().stream().map(p -> p.name() + "/" + KINDS.get(p.kind()) + "/" + GRADES.get(p.grade()))
                        .collect(Collectors.joining("；"));
                String[] values = {d.systemName(), d.name(), d.description(), d.businessArea(), d.volume(), d.storageLocation(),
                        GRADES.get(d.grade()), OBJECTS.get(d.harmObject()), SEVERITIES.get(d.harmSeverity()),
                        d.gradingNote() == null ? "" : d.gradingNote(), parts};
                for (int c = 0; c < values.length; c++) {
                    // text cells only: a value starting with = stays text in Excel (no formula injection)
                    row.createCell(c, CellType.STRING).setCellValue(values[c]);
                }
            }
            Sheet help = wb.createSheet("填写说明");
            String[][] rows = {
                    {"列", "说明"},
                    {"系统", "必填，本单位已登记系统的名称"},
                    {"数据集名称", "必填，不超过200字；同一系统内不重复"},
                    {"数据级别", "选填（留空按就高从严自动定级）：" + String.join("、", GRADES.values())},
                    {"危害对象", "必填：" + String.join("、", OBJECTS.values())},
                    {"危害程度", "必填：" + String.join("、", SEVERITIES.values())},
                    {"组成部分", "选填，每项 名称/类型/级别，以；分隔；类型：" + String.join("、", KINDS.values())},
                    {"注意", "每行一个数据集，最多" + MAX_ROWS + "行；不接受公式；首行须与模板列名一致；任一行有误则全部不导入；"
                            + "数据集级别不得低于其组成部分和定级依据所要求的级别（就高从严，A8.2）"}};
            for (int i = 0; i < rows.length; i++) {
                Row row = help.createRow(i);
                row.createCell(0).setCellValue(rows[i][0]);
                row.createCell(1).setCellValue(rows[i][1]);
            }
            help.setColumnWidth(1, 100 * 256);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Imports every row as a data set of the actor's unit, or nothing. */
    public List<Long> importFile(InputStream in) {
        Actor actor = Actor.require();
        return catalog.catalogAll(parse(in, actor));
    }

    List<NewDataset> parse(InputStream in, Actor actor) {
        try {
            return Spreadsheets.readFirstSheet(in, MAX_BYTES, MAX_ROWS, sheet -> rows(sheet, actor));
        } catch (Spreadsheets.Refused e) {
            throw refused("data.import.error." + e.reason().key());
        }
    }


    private List<NewDataset> rows(Sheet sheet, Actor actor) {
        header(sheet.getRow(0));
        Map<String, Long> systemIds = new LinkedHashMap<>();
        for (SystemRef s : queries.ownSystems(actor)) {
            systemIds.putIfAbsent(s.name(), s.id());
        }
        Set<String> seen = new HashSet<>();
        return Spreadsheets.rows(sheet, MAX_ROWS, COLUMNS, "data.import.error.formula", ImportRefused::new, (values, errors) -> {
            Long systemId = DataChecks.blank(values[0]) ? null : systemIds.getOrDefault(values[0].strip(), -1L);
            Grade grade = DataChecks.blank(values[6]) ? null : lookup(GRADES, values[6]);
            HarmObject object = DataChecks.blank(values[7]) ? null : lookup(OBJECTS, values[7]);
            HarmSeverity severity = DataChecks.blank(values[8]) ? null : lookup(SEVERITIES, values[8]);
            if (!DataChecks.blank(values[6]) && grade == null) {
                errors.add(6, "data.import.error.value");
            }
            if (!DataChecks.blank(values[7]) && object == null) {
                errors.add(7, "data.import.error.value");
            }
            if (!DataChecks.blank(values[8]) && severity == null) {
                errors.add(8, "data.import.error.value");
            }
            List<Part> parts = new ArrayList<>();
            if (!DataChecks.blank(values[10])) {
                for (String item : PART_SEPARATOR.split(values[10])) {
                    if (item.isBlank()) {
                        continue;
                    }
                    String[] bits = item.strip().split("\\s*/\\s*");
                    PartKind kind = bits.length == 3 ? lookup(KINDS, bits[1]) : null;
                    Grade partGrade = bits.length == 3 ? lookup(GRADES, bits[2]) : null;
                    if (kind == null || partGrade == null) {
                        errors.add(10, "data.import.error.part");
                        break;
                    }
                    parts.add(new Part(bits[0], kind, partGrade));
                }
            }
            NewDataset d = new NewDataset(systemId, values[1], values[2], values[3], values[4], values[5], grade, object, severity, values[9], parts);
            Map<String, String> fieldErrors = catalog.check(d, actor);
            for (Map.Entry<String, String> e : fieldErrors.entrySet()) {
                int column = FIELDS.indexOf(e.getKey());
                if (column >= 0) {
                    errors.add(column, e.getValue());
                }
            }
            if (fieldErrors.isEmpty() && !errors.has(1) && systemId != null && !seen.add(systemId + "\u0000" + values[1].strip())) {
                errors.add(1, "data.error.duplicate");
            }
            if (fieldErrors.isEmpty() && errors.isEmpty()) {
                Grade required = DataAsset.requiredGrade(d);
                if (grade != null && grade.below(required)) {
                    // A8.2 就高从严, checked here too so every row's error is listed at once
                    errors.add(6, "data.import.error.gradeBelowRequired", GRADES.get(required));
                }
            }
            return d;
        });
    }

    /** The first row must be the template's header, column for column: a sheet of other columns is refused as a whole. */
    private static void header(Row row) {
        List<String> found = new ArrayList<>();
        if (row != null) {
            for (int c = 0; c < Math.max(COLUMNS.size(), row.getLastCellNum()); c++) {
                Cell cell = row.getCell(c);
                String v = cell == null || cell.getCellType() != CellType.STRING ? "" : cell.getStringCellValue().strip();
                found.add(v);
            }
        }
        while (!found.isEmpty() && found.get(found.size() - 1).isEmpty()) {
            found.remove(found.size() - 1);
        }
        if (!found.equals(COLUMNS)) {
            throw refused("data.import.error.columns");
        }
    }

    private static <E extends Enum<E>> E lookup(Map<E, String> labels, String value) {
        String v = value.strip().replace("（", "").replace("）", "").replace("(", "").replace(")", "");
        for (Map.Entry<E, String> e : labels.entrySet()) {
            if (e.getValue().equals(v) || e.getKey().name().equalsIgnoreCase(v)) {
                return e.getKey();
            }
        }
        return null;
    }


    private static InvalidInput refused(String key) {
        return new InvalidInput(key, Map.of("file", key));
    }

}
