package cn.govcloud.guard.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Opens an uploaded Excel file the way every import must (systems, data catalog, …): size capped
 * while reading, really an .xlsx (by its bytes, not its name), rows counted with a streaming pass
 * before anything is loaded (a 100k-row file is refused without building it in memory), POI's
 * zip-bomb limits, and formulas never evaluated (the caller reads cell values only); then the rows read all or
 * none ({@link #rows}), every refused cell named by its row and column (issue 18 point 7: one import skeleton).
 */
public final class Spreadsheets {

    static {
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
    }

    /** Why a file was refused; the importer turns it into its own message, e.g. {@code systems.import.error.} + {@link #key()}. */
    public enum Refusal {
        EMPTY("empty"), TOO_LARGE("tooLarge"), NOT_XLSX("notXlsx"), TOO_MANY_ROWS("tooManyRows"), BOMB("bomb"), UNREADABLE("unreadable"),
        /** An .xlsx with an opening password: an OLE2 container holding the encrypted package (issue 20 point 11). */
        ENCRYPTED("encrypted"),
        /** The Excel 97–2003 format (.xls), which the imports do not read: save it as .xlsx. */
        OLD_XLS("oldXls"),
        /** A workbook without a single worksheet. */
        NO_SHEET("noSheet");

        private final String key;

        Refusal(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public static final class Refused extends RuntimeException {
        private final Refusal reason;

        Refused(Refusal reason) {
            super(reason.name());
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    private Spreadsheets() {
    }

    /**
     * Hands the first sheet to {@code reader} when the file passes every check; at most
     * {@code maxRows} rows besides the header row. Whatever the reader throws passes through.
     */
    public static <T> T readFirstSheet(InputStream in, long maxBytes, int maxRows, Function<Sheet, T> reader) {
        byte[] content = read(in, maxBytes);
        try {
            FileMagic magic = FileMagic.valueOf(content);
            if (magic == FileMagic.OLE2) {
                throw new Refused(encrypted(content) ? Refusal.ENCRYPTED : Refusal.OLD_XLS); // say which, not just "not .xlsx"
            }
            if (magic != FileMagic.OOXML) {
                throw new Refused(Refusal.NOT_XLSX);
            }
        } catch (Refused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Refused(Refusal.NOT_XLSX);
        }
        XSSFWorkbook workbook;
        try {
            OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content));
            countRows(pkg, maxRows);
            workbook = new XSSFWorkbook(pkg);
        } catch (Refused e) {
            throw e;
        } catch (Exception e) {
            throw new Refused(bomb(e) ? Refusal.BOMB : Refusal.UNREADABLE);
        }
        try (XSSFWorkbook wb = workbook) {
            if (wb.getNumberOfSheets() == 0) {
                throw new Refused(Refusal.NO_SHEET);
            }
            return reader.apply(wb.getSheetAt(0));
        } catch (IOException e) {
            throw new Refused(Refusal.UNREADABLE);
        }
    }

    /** One refused cell: the spreadsheet's row number (the header is row 1), the column's header, a message key and an optional detail. */
    public record RowError(int row, String column, String messageKey, String detail) {
    }

    /** Some rows are wrong: nothing was saved. Each importer names its own refusal (its message key) by a subclass. */
    public abstract static class RowsRefused extends RuntimeException {
        private final List<RowError> errors;

        protected RowsRefused(String messageKey, List<RowError> errors) {
            super(messageKey);
            this.errors = List.copyOf(errors);
        }

        public List<RowError> errors() {
            return errors;
        }
    }

    /** Reads one data row: its cells as text (null where blank or a formula) → what to import, or null; refusals go to {@code errors}. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(String[] values, RowErrors errors);
    }

    /** The refusals of one row, at most one per column: a formula cell's refusal stands, a later check of that column is not added. */
    public static final class RowErrors {
        private final int row;
        private final List<String> columns;
        private final List<RowError> all;
        private final Map<Integer, Integer> byColumn = new HashMap<>();

        private RowErrors(int row, List<String> columns, List<RowError> all) {
            this.row = row;
            this.columns = columns;
            this.all = all;
        }

        public void add(int column, String messageKey) {
            add(column, messageKey, null);
        }

        public void add(int column, String messageKey, String detail) {
            if (!byColumn.containsKey(column)) {
                byColumn.put(column, all.size());
                all.add(new RowError(row, columns.get(column), messageKey, detail));
            }
        }

        /** Adds a detail to the column's refusal, if it has one (e.g. which addresses were wrong). */
        public void detail(int column, String detail) {
            Integer at = byColumn.get(column);
            if (at != null) {
                RowError e = all.get(at);
                all.set(at, new RowError(e.row(), e.column(), e.messageKey(), detail));
            }
        }

        public boolean has(int column) {
            return byColumn.containsKey(column);
        }

        public boolean isEmpty() {
            return byColumn.isEmpty();
        }
    }

    /**
     * The all-or-nothing loop every import shares (systems, assets, data catalog): each row under the header with any
     * content is read as text in {@code columns}' order, a formula cell is refused with {@code formulaKey} (never evaluated),
     * and the row handed to {@code reader}. Any refusal in any row refuses the whole file, every refusal listed by row and
     * column ({@code refused}); a file with no row is refused as {@link Refusal#EMPTY}, one whose rows reach past
     * {@code maxRows} as {@link Refusal#TOO_MANY_ROWS}.
     */
    public static <T> List<T> rows(Sheet sheet, int maxRows, List<String> columns, String formulaKey,
                                   Function<List<RowError>, ? extends RowsRefused> refused, RowReader<T> reader) {
        int last = sheet.getLastRowNum();
        if (last > maxRows) {
            throw new Refused(Refusal.TOO_MANY_ROWS);
        }
        List<T> read = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        for (int i = 1; i <= last; i++) {
            Row row = sheet.getRow(i);
            if (row == null) {
                continue;
            }
            RowErrors rowErrors = new RowErrors(i + 1, columns, errors);
            String[] values = new String[columns.size()];
            boolean any = false;
            for (int c = 0; c < columns.size(); c++) {
                Cell cell = row.getCell(c);
                if (cell == null) {
                    continue;
                }
                if (cell.getCellType() == CellType.FORMULA) {
                    rowErrors.add(c, formulaKey);
                    any = true;
                    continue;
                }
                values[c] = text(cell);
                any |= values[c] != null && !values[c].isBlank();
            }
            if (!any) {
                continue;
            }
            T item = reader.read(values, rowErrors);
            if (item != null) {
                read.add(item);
            }
        }
        if (!errors.isEmpty()) {
            throw refused.apply(errors);
        }
        if (read.isEmpty()) {
            throw new Refused(Refusal.EMPTY);
        }
        return read;
    }

    /** A cell's value as text — never a formula's result, which is never evaluated; null for blank or formula cells. */
    public static String text(Cell cell) {
        switch (cell.getCellType()) {
            case STRING:
                return cell.getStringCellValue();
            case NUMERIC:
                double d = cell.getNumericCellValue();
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return Long.toString((long) d);
                }
                return Double.toString(d);
            case BOOLEAN:
                return Boolean.toString(cell.getBooleanCellValue());
            default:
                return null;
        }
    }

    private static byte[] read(InputStream in, long maxBytes) {
        if (in == null) {
            throw new Refused(Refusal.EMPTY);
        }
        try {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) {
                throw new Refused(Refusal.TOO_LARGE);
            }
            if (content.length == 0) {
                throw new Refused(Refusal.EMPTY);
            }
            return content;
        } catch (IOException e) {
            throw new Refused(Refusal.UNREADABLE);
        }
    }

    /** An OLE2 file is an encrypted .xlsx when it holds the package's encryption entries, otherwise an old .xls or other OLE2 file. */
    private static boolean encrypted(byte[] content) {
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem(
                new ByteArrayInputStream(content))) {
            return fs.getRoot().hasEntryCaseInsensitive("EncryptionInfo") || fs.getRoot().hasEntryCaseInsensitive("EncryptedPackage");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean bomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("Zip bomb") || m.contains("zip bomb") || m.contains("exceeds the max") || m.contains("Inflate"))) {
                return true;
            }
        }
        return false;
    }

    /** Counts the first sheet's rows with a streaming reader, stopping as soon as there are too many. */
    private static void countRows(OPCPackage pkg, int maxRows) throws Exception {
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
        if (!sheets.hasNext()) {
            throw new Refused(Refusal.EMPTY);
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream sheet = sheets.next()) {
            XMLStreamReader xml = factory.createXMLStreamReader(sheet);
            int rows = 0;
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName()) && ++rows > maxRows + 1) {
                        throw new Refused(Refusal.TOO_MANY_ROWS);
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new Refused(Refusal.UNREADABLE);
        }
    }
}
