package cn.govcloud.guard.systems.internal;

import cn.govcloud.guard.audit.AuditEvent;
import cn.govcloud.guard.audit.AuditLog;
import cn.govcloud.guard.documents.Spreadsheets;
import cn.govcloud.guard.shared.InvalidInput;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.SystemRegistration.Registration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;

/**
 * Issue 4: a unit's existing inventory imported from an .xlsx, all rows or none, each row checked
 * exactly as a single registration. Hostile files (not an xlsx, zip bombs, formulas, too many rows)
 * are refused before anything is saved; formulas are never evaluated.
 */
@Service
public class SystemImport {
    public static final long MAX_BYTES = 5L * 1024 * 1024;
    public static final int MAX_ROWS = 5000;
    /** The columns, in order; the header texts of the template. */
    public static final List<String> COLUMNS = List.of("名称", "用途", "等级保护级别", "备案编号", "责任人", "责任人手机", "网络暴露面", "地址与资产");
    private static final List<String> FIELDS = List.of("name", "purpose", "mlpsLevel", "filingNumber", "responsibleName", "responsibleMobile",
            "exposure", "addresses");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[；;,，、\\r\\n]+");
    private static final Pattern ADDRESS_SEPARATOR = Pattern.compile("[；;\\r\\n]+");

    /** Some rows are wrong: nothing was saved. */
    public static final class ImportRefused extends Spreadsheets.RowsRefused {
        ImportRefused(List<Spreadsheets.RowError> errors) {
            super("systems.import.error.rows", errors);
        }
    }

    private final SystemRegistration systems;
    private final AuditLog audit;

    SystemImport(SystemRegistration systems, AuditLog audit) {
        this.systems = systems;
        this.audit = audit;
    }

    /** The template: the header row and a second sheet explaining the values. */
    public byte[] template() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("系统登记");
            Row header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(COLUMNS.get(i));
                sheet.setColumnWidth(i, 20 * 256);
            }
            Sheet help = wb.createSheet("填写说明");
            String[][] rows = {
                    {"列", "说明"},
                    {"名称", "必填，不超过200字"},
                    {"用途", "选填，不超过2000字"},
                    {"等级保护级别", "必填，1至5的整数"},
                    {"备案编号", "选填，不超过100字"},
                    {"责任人", "选填，不超过100字"},
                    {"责任人手机", "选填，11位手机号码"},
                    {"网络暴露面", "必填，可多个，以；或,分隔：互联网（INTERNET）、电子政务外网（GOV_EXTRANET）、部门专网（DEPARTMENT_PRIVATE）"},
                    {"地址与资产", "选填，IP地址、CIDR网段或域名，多个以；或换行分隔"},
                    {"注意", "每行一个系统，最多" + MAX_ROWS + "行；不接受公式；任一行有误则全部不导入；导入的系统为草稿状态"}};
            for (int i = 0; i < rows.length; i++) {
                Row r = help.createRow(i);
                r.createCell(0).setCellValue(rows[i][0]);
                r.createCell(1).setCellValue(rows[i][1]);
            }
            help.setColumnWidth(0, 16 * 256);
            help.setColumnWidth(1, 100 * 256);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Imports the rows as drafts of the actor's unit; refuses the whole file when any row is wrong. */
    public List<Long> importFile(InputStream in) {
        List<Registration> registrations = parse(in);
        List<Long> ids = systems.registerAll(registrations);
        audit.record(AuditEvent.success("systems.import", "systems", ids.size() + " systems imported as drafts"));
        return ids;
    }

    List<Registration> parse(InputStream in) {
        try {
            return Spreadsheets.readFirstSheet(in, MAX_BYTES, MAX_ROWS, this::rows);
        } catch (Spreadsheets.Refused e) {
            throw refused("systems.import.error." + e.reason().key());
        }
    }


    private List<Registration> rows(Sheet sheet) {
        return Spreadsheets.rows(sheet, MAX_ROWS, COLUMNS, "systems.import.error.formula", ImportRefused::new, (values, errors) -> {
            Integer level = null;
            if (!Checks.blank(values[2])) {
                level = level(values[2]);
                if (level == null) {
                    level = -1;
                }
            }
            Registration r = new Registration(values[0], values[1], level, values[3], values[4], values[5],
                    split(values[6], LIST_SEPARATOR).stream().map(SystemImport::exposure).toList(), split(values[7], ADDRESS_SEPARATOR));
            systems.check(r).forEach((field, key) -> {
                int column = FIELDS.indexOf(field);
                if (column >= 0) {
                    errors.add(column, key);
                } else if ("invalidAddresses".equals(field)) {
                    errors.detail(7, key);
                }
            });
            return r;
        });
    }

    private static Integer level(String value) {
        String v = value.strip().replace("第", "").replace("级", "");
        int i = "一二三四五".indexOf(v);
        if (v.length() == 1 && i >= 0) {
            return i + 1;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String exposure(String value) {
        String v = value.strip();
        switch (v) {
            case "互联网":
                return Exposure.INTERNET.name();
            case "电子政务外网":
            case "政务外网":
                return Exposure.GOV_EXTRANET.name();
            case "部门专网":
                return Exposure.DEPARTMENT_PRIVATE.name();
            default:
                return v.toUpperCase();
        }
    }

    private static List<String> split(String value, Pattern separator) {
        if (Checks.blank(value)) {
            return List.of();
        }
        return Arrays.stream(separator.split(value)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static InvalidInput refused(String key) {
        return new InvalidInput(key, Map.of("file", key));
    }
}
