package cn.govcloud.guard.supervision.annualreport;

import cn.govcloud.guard.supervision.annualreport.ReportOutline.Chart;
import java.io.IOException;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.Units;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFChart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTDLbls;

/**
 * A native Word bar chart (DrawingML chart part with its data in an embedded workbook, as Word itself makes them): the
 * reader can restyle it or edit its figures in Word ("编辑数据"), which a pasted image would not allow. Horizontal bars,
 * one series per year, values shown on the bars; a rate's axis runs to 100.
 */
final class AnnualReportWordCharts {
    /** This year a dark blue, the year before a grey (as in the PDF). */
    private static final byte[][] COLOURS = {{(byte) 0x2B, (byte) 0x61, (byte) 0xA8}, {(byte) 0xAD, (byte) 0xB2, (byte) 0xBA}};

    private AnnualReportWordCharts() {
    }

    static void add(XWPFDocument doc, Chart c) throws IOException, InvalidFormatException {
        int rows = c.categories().size();
        int series = c.series().size();
        if (rows == 0 || series == 0) {
            return;
        }
        double heightCm = Math.max(6, 2.8 + rows * series * 0.42);
        XWPFChart chart = doc.createChart((int) (15.5 * Units.EMU_PER_CENTIMETER), (int) (heightCm * Units.EMU_PER_CENTIMETER));
        chart.setTitleText(c.title());
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.TOP);

        XSSFWorkbook book = chart.getWorkbook();
        XSSFSheet sheet = book.getNumberOfSheets() == 0 ? book.createSheet("Sheet1") : book.getSheetAt(0);
        XSSFRow head = row(sheet, 0);
        head.createCell(0).setCellValue("类别");
        for (int s = 0; s < series; s++) {
            head.createCell(s + 1).setCellValue(c.series().get(s));
        }
        for (int r = 0; r < rows; r++) {
            XSSFRow row = row(sheet, r + 1);
            row.createCell(0).setCellValue(c.categories().get(r));
            for (int s = 0; s < series; s++) {
                List<Double> values = c.values().get(s);
                Double v = r < values.size() ? values.get(r) : null;
                if (v != null) {
                    row.createCell(s + 1).setCellValue(v);
                }
            }
        }

        XDDFCategoryAxis categories = chart.createCategoryAxis(AxisPosition.LEFT);
        categories.setOrientation(AxisOrientation.MAX_MIN); // the first category on top, as in the tables
        XDDFValueAxis values = chart.createValueAxis(AxisPosition.BOTTOM);
        values.setCrosses(AxisCrosses.AUTO_ZERO);
        values.setCrossBetween(AxisCrossBetween.BETWEEN);
        values.setMinimum(0);
        if ("%".equals(c.unit())) {
            values.setMaximum(100);
        }
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, categories, values);
        data.setBarDirection(BarDirection.BAR);
        data.setVaryColors(false);
        XDDFDataSource<String> labels = XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(1, rows, 0, 0));
        for (int s = 0; s < series; s++) {
            XDDFNumericalDataSource<Double> figures = XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(1, rows, s + 1, s + 1));
            XDDFBarChartData.Series bars = (XDDFBarChartData.Series) data.addSeries(labels, figures);
            bars.setTitle(c.series().get(s), new CellReference(sheet.getSheetName(), 0, s + 1, true, true));
            bars.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(COLOURS[s % COLOURS.length])));
            CTDLbls dLbls = bars.getCTBarSer().isSetDLbls() ? bars.getCTBarSer().getDLbls() : bars.getCTBarSer().addNewDLbls();
            dLbls.addNewShowLegendKey().setVal(false);
            dLbls.addNewShowVal().setVal(true);
            dLbls.addNewShowCatName().setVal(false);
            dLbls.addNewShowSerName().setVal(false);
            dLbls.addNewShowPercent().setVal(false);
            dLbls.addNewShowBubbleSize().setVal(false);
        }
        chart.plot(data);
    }

    private static XSSFRow row(XSSFSheet sheet, int index) {
        XSSFRow row = sheet.getRow(index);
        return row == null ? sheet.createRow(index) : row;
    }
}
