// govcloud-guard: all of the UI's JavaScript. The CSP allows scripts from our own origin only, so
// pages carry data-* attributes and this file attaches the behaviour.
(function () {
  'use strict';

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }

  // Every htmx request carries the CSRF token Spring Security put into the page.
  document.addEventListener('htmx:configRequest', function (event) {
    var token = meta('_csrf');
    var header = meta('_csrf_header');
    if (token && header) {
      event.detail.headers[header] = token;
    }
  });

  // ECharts is a megabyte: load it only on pages that have a chart.
  var echartsLoading = null;
  function loadECharts() {
    if (window.echarts) {
      return Promise.resolve(window.echarts);
    }
    if (!echartsLoading) {
      echartsLoading = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = meta('govguard-echarts');
        script.onload = function () { resolve(window.echarts); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return echartsLoading;
  }

  // A chart reads its figures from the table named by data-chart-source, which screen readers read instead.
  function readTable(selector) {
    var table = selector ? document.querySelector(selector) : null;
    var labels = [];
    var values = [];
    if (table) {
      table.querySelectorAll('tr').forEach(function (row) {
        var label = row.querySelector('th');
        var value = row.querySelector('td');
        if (label && value) {
          labels.push(label.textContent.trim());
          values.push(Number(value.textContent.trim()));
        }
      });
    }
    return { labels: labels, values: values };
  }

  function renderChart(element, echarts) {
    if (element.dataset.chartReady) {
      return;
    }
    element.dataset.chartReady = 'true';
    var data = readTable(element.dataset.chartSource);
    var brand = getComputedStyle(document.documentElement).getPropertyValue('--gg-brand').trim() || '#0b3d91';
    var calm = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    // canvas, not SVG: drawing pixels needs no style attributes, which a strict style-src would refuse
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption({
      animation: !calm,
      color: [brand],
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: element.dataset.chart || 'bar', data: data.values, barMaxWidth: 48, label: { show: true, position: 'top' } }]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function initCharts(root) {
    var elements = root && root.querySelectorAll ? root.querySelectorAll('[data-chart]') : [];
    if (!elements.length) {
      return;
    }
    loadECharts().then(function (echarts) {
      elements.forEach(function (element) { renderChart(element, echarts); });
    });
  }

  // the dashboard's charts (static/js/dashboard.js) share the one lazy load
  window.govguard = window.govguard || {};
  window.govguard.loadECharts = loadECharts;

  // htmx:load fires for the page and for every swapped-in fragment; DOMContentLoaded covers htmx failing to load.
  document.addEventListener('htmx:load', function (event) { initCharts(event.detail.elt); });
  document.addEventListener('DOMContentLoaded', function () { initCharts(document); });

  // Issue 23 point 8: a button with data-confirm-open="<dialog id>" opens that native <dialog> (the confirmation step with its
  // required reason); data-confirm-close inside it closes it again. No inline handlers: the CSP forbids them.
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var opener = target ? target.closest('[data-confirm-open]') : null;
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute('data-confirm-open'));
      if (dialog && typeof dialog.showModal === 'function') {
        event.preventDefault();
        dialog.showModal();
        var reason = dialog.querySelector('[name="reason"], [name="exitReason"]');
        if (reason) {
          reason.focus();
        }
      }
      return;
    }
    var closer = target ? target.closest('[data-confirm-close]') : null;
    if (closer && closer.closest('dialog')) {
      closer.closest('dialog').close();
    }
  });

  // Issue 23 point 10: a button data-add-row="<template id>" appends a copy of that <template> to the element named by its
  // data-rows-into, every "-NEW" in it numbered after the rows already there (so each row posts as field-<n>); what is typed
  // in the other rows stays. Without script the button stays hidden and the page's blank rows serve.
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-add-row]') : null;
    var template = button ? document.getElementById(button.getAttribute('data-add-row')) : null;
    var rows = button ? document.getElementById(button.getAttribute('data-rows-into')) : null;
    if (!template || !rows) {
      return;
    }
    var holder = document.createElement('div');
    holder.innerHTML = template.innerHTML.replace(/-NEW\b/g, '-' + rows.children.length);
    var row = holder.firstElementChild;
    rows.appendChild(row);
    var first = row.querySelector('select, input, textarea');
    if (first) {
      first.focus();
    }
  });
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-add-row]').forEach(function (button) { button.hidden = false; });
  });

  // Issue 23 point 12: at phone width a table.gg-cards shows each row as a card; every cell is labelled with its
  // column's header (CSS ::before reads data-label). Templates may set data-label themselves; the rest come from <thead>.
  function labelCards(root) {
    var tables = root && root.querySelectorAll ? root.querySelectorAll('table.gg-cards') : [];
    if (root instanceof Element && root.matches('table.gg-cards')) {
      tables = [root];
    }
    Array.prototype.forEach.call(tables, function (table) {
      var heads = table.querySelectorAll('thead tr:last-child th');
      var labels = [];
      Array.prototype.forEach.call(heads, function (th) {
        var span = Number(th.getAttribute('colspan') || 1);
        for (var i = 0; i < span; i++) {
          labels.push(th.textContent.replace(/\s+/g, ' ').trim());
        }
      });
      table.querySelectorAll('tbody > tr').forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          var span = Number(cell.getAttribute('colspan') || 1);
          if (!cell.hasAttribute('data-label') && span === 1 && labels[column] !== undefined) {
            cell.setAttribute('data-label', labels[column]);
          }
          column += span;
        });
      });
    });
  }
  document.addEventListener('htmx:load', function (event) { labelCards(event.detail.elt); });
  document.addEventListener('DOMContentLoaded', function () { labelCards(document); });

  // An htmx request that fails (a 5xx, a lost connection) says so in its target instead of leaving the page as it was:
  // the element that asked carries the sentence in data-gg-error (the audit page's verification, issue 23 point 12).
  function failed(event) {
    var source = event.detail && event.detail.elt;
    var message = source && source.getAttribute ? source.getAttribute('data-gg-error') : null;
    var target = event.detail && event.detail.target;
    if (!message || !target) {
      return;
    }
    var box = document.createElement('div');
    box.className = 'alert alert-danger gg-load-failed';
    box.setAttribute('role', 'alert');
    box.textContent = message;
    target.replaceChildren(box);
  }
  document.addEventListener('htmx:responseError', failed);
  document.addEventListener('htmx:sendError', failed);
  document.addEventListener('htmx:timeout', failed);
}());
