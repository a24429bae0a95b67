// govcloud-guard incidents (A10.4, A10.5): the report countdown and the grading suggestion.
// Loaded by the incident pages and the home page; no inline script (CSP script-src 'self').
(function () {
  'use strict';

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  // <span class="incident-countdown" data-seconds="1740" data-overdue="初报已超时">
  // The seconds left come from the server's clock when the page was rendered; the page only counts the
  // time elapsed since it loaded (a monotonic timer), never the browser's wall clock: a client whose
  // clock runs fast no longer says 超时 early (issue 23 point 5).
  var loaded = window.performance.now();
  function tick() {
    var elapsed = Math.floor((window.performance.now() - loaded) / 1000);
    document.querySelectorAll('.incident-countdown[data-seconds]').forEach(function (el) {
      var start = parseInt(el.getAttribute('data-seconds'), 10);
      if (isNaN(start)) {
        return;
      }
      var left = start - elapsed;
      if (left <= 0) {
        el.textContent = el.getAttribute('data-overdue') || '00:00';
        el.classList.add('incident-overdue');
        return;
      }
      var h = Math.floor(left / 3600);
      var m = Math.floor((left % 3600) / 60);
      var s = left % 60;
      el.textContent = (h > 0 ? h + ':' + pad(m) : pad(m)) + ':' + pad(s);
    });
  }

  // The suggestion mirrors Grading.suggest on the server: the highest grade any answer reaches. The catalog's thresholds
  // and the data levels' grades ride on the grading fieldset: data-thresholds="criterion=I,II,III;…" (an empty place: no
  // threshold), data-data-grades="level=grade;…" (A10.4-grading-thresholds, A10.4-grading-data).
  var GRADES = ['I', 'II', 'III', 'IV'];
  function higher(a, b) {
    return GRADES.indexOf(a) <= GRADES.indexOf(b) ? a : b;
  }
  function pairs(text) {
    var out = {};
    (text || '').split(';').forEach(function (pair) {
      var at = pair.indexOf('=');
      if (at > 0) {
        out[pair.substring(0, at)] = pair.substring(at + 1);
      }
    });
    return out;
  }
  function suggest() {
    var out = document.getElementById('grade-suggestion');
    var grading = document.getElementById('grading');
    if (!out || !grading) {
      return;
    }
    var thresholds = pairs(grading.getAttribute('data-thresholds'));
    var best = 'IV';
    Object.keys(thresholds).forEach(function (name) {
      var input = document.getElementById(name);
      var v = input ? parseFloat(input.value) : NaN;
      if (isNaN(v)) {
        return;
      }
      thresholds[name].split(',').forEach(function (limit, i) {
        var t = parseFloat(limit);
        if (!isNaN(t) && v >= t) {
          best = higher(best, GRADES[i]);
        }
      });
    });
    var data = document.getElementById('dataAffected');
    var byData = data ? pairs(grading.getAttribute('data-data-grades'))[data.value] : null;
    if (byData) {
      best = higher(best, byData);
    }
    out.textContent = out.getAttribute('data-label-' + best) || best;
    out.setAttribute('data-grade', best);
  }

  // Only the sub-types of the chosen category are offered (a sub-type's code starts with its category's: MALWARE.TROJAN).
  function filterSubTypes() {
    var category = document.getElementById('category');
    var subType = document.getElementById('subType');
    if (!category || !subType) {
      return;
    }
    Array.prototype.forEach.call(subType.options, function (option) {
      var c = option.value ? option.value.split('.')[0] : '';
      var show = !c || !category.value || c === category.value;
      option.hidden = !show;
      option.disabled = !show;
      if (!show && option.selected) {
        subType.value = '';
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (document.querySelector('.incident-countdown[data-seconds]')) {
      tick();
      window.setInterval(tick, 1000);
    }
    document.querySelectorAll('#grading input, #grading select').forEach(function (input) {
      input.addEventListener('input', suggest);
      input.addEventListener('change', suggest);
    });
    suggest();
    var category = document.getElementById('category');
    if (category) {
      category.addEventListener('change', filterSubTypes);
      filterSubTypes();
    }
  });
}());
