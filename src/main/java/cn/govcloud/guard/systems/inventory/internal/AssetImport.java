package cn.govcloud.guard.systems.inventory.internal;

import cn.govcloud.guard.documents.Spreadsheets;
import cn.govcloud.guard.shared.InvalidInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;

/**
 * A system's asset and exposure inventory from an .xlsx (A7.1, issue 22 point 1), the way every import here reads Excel
 * ({@link Spreadsheets}: size capped, really an xlsx, rows counted by a streaming pass first, zip-bomb limits, formulas
 * never evaluated). Each row is checked exactly as the form's ({@link AssetCheck}); any bad cell refuses the whole file
 * with every error named by its row and column, and nothing is stored. A good file replaces the system's inventory.
 */
@Service
public class AssetImport {
    public static final long MAX_BYTES = 5L * 1024 * 1024;
    public static final int MAX_ROWS = 5000;
    /** The columns, in the order of {@link AssetCheck#FIELDS}; the template's header texts. */
    public static final List<String> COLUMNS = List.of("类型", "名称/域名", "操作系统/产品", "版本", "私网IP", "私网端口", "公网IP", "公网端口",
            "协议", "服务", "ICP备案号", "备注");

    /** Some rows are wrong: nothing was stored. */
    public static final class ImportRefused extends Spreadsheets.RowsRefused {
        ImportRefused(List<Spreadsheets.RowError> errors) {
            super("systems.assets.import.error.rows", errors);
        }
    }

    private final Assets assets;

    AssetImport(Assets assets) {
        this.assets = assets;
    }

    /** The template: the header row, a sheet with one example row of each kind, and a sheet explaining the columns. */
    public byte[] template() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("资产与暴露面");
            Row header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(COLUMNS.get(i));
                sheet.setColumnWidth(i, 16 * 256);
            }
            Sheet sample = wb.createSheet("示例");
            Row sampleHeader = sample.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                sampleHeader.createCell(i).setCellValue(COLUMNS.get(i));
                sample.setColumnWidth(i, 16 * 256);
            }
            String[][] examples = {
                    {"主机", "web-01", "麒麟 Kylin Server", "V10 SP3", "10.20.1.11", "", "", "", "", "", "", ""},
                    {"NAT映射", "", "", "", "10.20.1.11", "443", "203.0.113.10", "443", "TCP", "", "", ""},
                    {"开放端口", "", "", "2.4.58", "10.20.1.11", "443", "", "", "TCP", "https", "", ""},
                    {"域名", "www.example.gov.cn", "", "", "", "", "", "", "", "", "蒙ICP备12345678号-1", ""},
                    {"中间件", "", "Nginx", "1.24.0", "10.20.1.11", "", "", "", "", "", "", ""}};
            for (int r = 0; r < examples.length; r++) {
                Row row = sample.createRow(r + 1);
                for (int c = 0; c < examples[r].length; c++) {
                    row.createCell(c).setCellValue(examples[r][c]);
                }
            }
            Sheet help = wb.createSheet("填写说明");
            String[][] rows = {
                    {"列", "说明"},
                    {"类型", "必填：主机、NAT映射、开放端口、域名、中间件（或 HOST、NAT、PORT、DOMAIN、MIDDLEWARE）"},
                    {"主机", "名称（主机名/虚拟机名）与私网IP必填；操作系统及版本选填"},
                    {"NAT映射", "公网IP:公网端口 → 私网IP:私网端口，四列必填；协议 TCP 或 UDP，空为 TCP"},
                    {"开放端口", "私网IP与私网端口，或公网IP与公网端口（至少一对）；协议、服务名称、版本选填"},
                    {"域名", "名称/域名列填写域名；ICP备案号选填，格式如 蒙ICP备12345678号-1"},
                    {"中间件", "操作系统/产品列填写中间件名称（必填），版本、所在主机私网IP选填"},
                    {"IP", "IPv4 或 IPv6 地址；端口 1 至 65535"},
                    {"注意", "本表为该系统的完整资产清单：导入后替换系统原有清单。每行一项，最多" + MAX_ROWS
                            + "行；不接受公式；任一行有误则全部不导入，错误指明行号与列名。只读取第一个工作表，“示例”表仅供参考。"}};
            for (int i = 0; i < rows.length; i++) {
                Row r = help.createRow(i);
                r.createCell(0).setCellValue(rows[i][0]);
                r.createCell(1).setCellValue(rows[i][1]);
            }
            help.setColumnWidth(0, 14 * 256);
            help.setColumnWidth(1, 100 * 256);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Imports the workbook as the system's inventory, replacing it; refuses the whole file when any row is wrong. */
    public int importFile(long systemId, String filename, InputStream in) {
        assets.editable(systemId); // who may import is checked before the file is read
        List<Asset> rows = parse(systemId, in);
        return assets.replaceAll(systemId, rows, filename);
    }

    List<Asset> parse(long systemId, InputStream in) {
        try {
            return Spreadsheets.readFirstSheet(in, MAX_BYTES, MAX_ROWS, sheet -> rows(sheet, systemId));
        } catch (Spreadsheets.Refused e) {
            String key = "systems.import.error." + e.reason().key(); // the register import's messages for a refused file
            throw new InvalidInput(key, Map.of("file", key));
        }
    }

    private List<Asset> rows(Sheet sheet, long systemId) {
        return Spreadsheets.rows(sheet, MAX_ROWS, COLUMNS, "systems.import.error.formula", ImportRefused::new, (values, errors) -> {
            AssetCheck.Checked checked = AssetCheck.check(new AssetCheck.Input(values[0], values[1], values[2], values[3], values[4], values[5],
                    values[6], values[7], values[8], values[9], values[10], values[11]), systemId);
            checked.errors().forEach((field, key) -> errors.add(AssetCheck.FIELDS.indexOf(field), key));
            return checked.ok() ? checked.asset() : null;
        });
    }
}
