package cn.govcloud.guard.documents;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Issue 22 point 5: every register and list as an Excel workbook, written one way. The caller pages through its list with
 * the page's own query and filters (keyset pages in SQL, never the whole list in memory) and hands each row to
 * {@link Rows#add}; the writer streams them into an SXSSF workbook (a window of rows in memory, the rest on disk), with
 * a title row saying what was exported, by whom, when and with which filters, a frozen Chinese header row and column
 * widths. Instants are written in Beijing time as {@code yyyy-MM-dd HH:mm}, dates as {@code yyyy-MM-dd}, everything else
 * as text (nothing a user typed becomes a formula). Beyond {@link #MAX_ROWS} rows the export is refused with 422 before a
 * byte is sent. Every export is audited: who, which list, the filters, the row count and whether personal numbers were
 * shown in full ({@code unmasked}) — decide that per role with the module's own rule and mask with
 * {@link cn.govcloud.guard.crypto.Masking} otherwise.
 */
public interface SheetExport {

    /** The media type of every export, for the responses and their OpenAPI description. */
    String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** The most rows one export carries; narrow the filters beyond it. */
    int MAX_ROWS = 100_000;

    /** One column: its header (already in the reader's language) and its width in characters. */
    record Column(String header, int width) {
    }

    /**
     * What is exported.
     *
     * @param list     a stable name for the audit log, e.g. {@code systems}; the audit action is {@code <list>.export}
     * @param title    the list's name, e.g. 信息系统台账, the sheet's name and the title row's first words
     * @param filename the download's name, e.g. {@code 信息系统台账.xlsx}
     * @param filters  the filters applied, label → value, in the reader's language (empty: none)
     * @param unmasked whether personal numbers are shown in full (audited as such)
     */
    record Request(String list, String title, String filename, List<Column> columns, Map<String, String> filters, boolean unmasked) {
        public Request {
            columns = List.copyOf(columns);
            filters = filters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filters));
        }
    }

    /** Where the caller puts its rows, in the order of the columns. */
    interface Rows {
        void add(Object... values);
    }

    /**
     * Streams {@code source}'s rows into a workbook and sends it as {@code request.filename()}; audited. Throws
     * {@link cn.govcloud.guard.shared.Unprocessable} (nothing sent) when the source offers more than {@link #MAX_ROWS}.
     * Returns the number of rows written.
     */
    long write(Request request, Consumer<Rows> source, HttpServletResponse response) throws IOException;

    /** A message in the reader's language (the key itself when there is none), for headers, filter labels and values. */
    String text(String key, Object... args);

    /** A column whose header is the message {@code key}. */
    default Column column(String key, int width) {
        return new Column(text(key), width);
    }

    /** Rows per keyset page when a caller pages through its list for an export. */
    int PAGE = 1_000;
}
