// govcloud-guard: the posture dashboard's charts (A11.3, A12). Each chart reads the table named by
// data-chart-source (what screen readers and browsers without JavaScript read) and draws it with
// ECharts as a bar, stacked bar, donut or line chart. A click on a bar, point or slice goes where the
// table's link for that figure goes (its href), so the chart drills down to the same list.
(function () {
  'use strict';

  function readTable(table) {
    var seriesColumns = [];
    var names = [];
    table.querySelectorAll('thead th[data-series]').forEach(function (th, i) {
      if (th.getAttribute('data-series') === 'true') {
        seriesColumns.push(i);
        names.push(th.textContent.trim());
      }
    });
    var rows = [];
    table.querySelectorAll('tbody tr').forEach(function (tr) {
      var label = tr.querySelector('th');
      var link = label ? label.querySelector('a[href]') : null;
      var cells = tr.querySelectorAll('td');
      var values = [];
      var hrefs = [];
      seriesColumns.forEach(function (column) {
        var cell = cells[column];
        var raw = cell ? cell.getAttribute('data-value') : '';
        values.push(raw === null || raw === '' ? '-' : Number(raw));
        var a = cell ? cell.querySelector('a[href]') : null;
        hrefs.push(a ? a.getAttribute('href') : null);
      });
      rows.push({ label: label ? label.textContent.trim() : '', href: link ? link.getAttribute('href') : null, values: values, hrefs: hrefs });
    });
    return { names: names, rows: rows };
  }

  function option(type, data, horizontal, unit, calm) {
    var labels = data.rows.map(function (r) { return r.label; });
    var base = { animation: !calm, tooltip: { trigger: type === 'pie' ? 'item' : 'axis' } };
    if (type === 'pie') {
      base.legend = { type: 'scroll', bottom: 0 };
      base.series = [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], label: { formatter: '{b}: {c}' },
        data: data.rows.map(function (r) { return { name: r.label, value: r.values[0] }; }) }];
      return base;
    }
    // many or long labels under a vertical chart lean, so each stays readable
    var category = { type: 'category', data: labels, axisLabel: { interval: 0, hideOverlap: true, rotate: !horizontal && labels.length > 5 ? 30 : 0 } };
    var value = { type: 'value', minInterval: 1, axisLabel: { formatter: '{value}' + (unit || '') } };
    if (unit === '%') {
      value.max = 100;
    }
    base.grid = { left: 8, right: 24, top: data.names.length > 1 ? 32 : 16, bottom: 8, containLabel: true };
    base.xAxis = horizontal ? value : category;
    base.yAxis = horizontal ? category : value;
    if (horizontal) {
      category.inverse = true;
    }
    if (data.names.length > 1) {
      base.legend = { top: 0 };
    }
    base.series = data.names.map(function (name, i) {
      var s = { name: name, type: type === 'line' ? 'line' : 'bar', data: data.rows.map(function (r) { return r.values[i]; }), barMaxWidth: 40 };
      if (type === 'stacked') {
        s.stack = 'total';
      }
      if (type === 'line') {
        s.symbolSize = 8;
      }
      return s;
    });
    return base;
  }

  function render(element, echarts) {
    if (element.dataset.chartReady) {
      return;
    }
    element.dataset.chartReady = 'true';
    var table = document.querySelector(element.dataset.chartSource);
    if (!table) {
      return;
    }
    var data = readTable(table);
    var calm = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    // canvas, not SVG: drawing pixels needs no style attributes, which a strict style-src would refuse
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption(option(element.dataset.dashboardChart, data, element.dataset.chartHorizontal === 'true', element.dataset.chartUnit, calm));
    chart.on('click', function (params) {
      var row = data.rows[params.dataIndex];
      if (!row) {
        return;
      }
      var href = (params.seriesIndex !== undefined && row.hrefs[params.seriesIndex]) || row.href;
      if (href) {
        window.location.href = href;
      }
    });
    element.dataset.chartDrawn = 'true';
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function init() {
    var elements = document.querySelectorAll('[data-dashboard-chart]');
    if (!elements.length || !window.govguard || !window.govguard.loadECharts) {
      return;
    }
    window.govguard.loadECharts().then(function (echarts) {
      elements.forEach(function (element) { render(element, echarts); });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
