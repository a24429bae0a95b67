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

  // The suggestion mirrors Grading.suggest on the server: the highest grade any answer reaches.
  var GRADES = ['I', 'II', 'III', 'IV'];
  function higher(a, b) {
    return GRADES.indexOf(a) <= GRADES.indexOf(b) ? a : b;
  }
  function suggest() {
    var out = document.getElementById('grade-suggestion');
    if (!out) {
      return;
    }
    var best = 'IV';
    document.querySelectorAll('input.grading-input').forEach(function (input) {
      var v = parseFloat(input.value);
      if (isNaN(v)) {
        return;
      }
      ['1', '2', '3'].forEach(function (g) {
        var t = parseFloat(input.getAttribute('data-grade' + g));
        if (!isNaN(t) && v >= t) {
          best = higher(best, GRADES[Number(g) - 1]);
        }
      });
    });
    var data = document.getElementById('dataAffected');
    // the grade each data level suggests comes from the catalog (A10.4-grading-data) through data-grade on the option
    var chosen = data && data.selectedOptions ? data.selectedOptions[0] : null;
    var byData = chosen ? chosen.getAttribute('data-grade') : null;
    if (byData) {
      best = higher(best, byData);
    }
    out.textContent = out.getAttribute('data-label-' + best) || best;
    out.setAttribute('data-grade', best);
  }

  // Only the sub-types of the chosen category are offered.
  function filterSubTypes() {
    var category = document.getElementById('category');
    var subType = document.getElementById('subType');
    if (!category || !subType) {
      return;
    }
    Array.prototype.forEach.call(subType.options, function (option) {
      var c = option.getAttribute('data-category');
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
    document.querySelectorAll('.grading-input').forEach(function (input) {
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
