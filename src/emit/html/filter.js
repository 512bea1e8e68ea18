// The report's one script, allowed by its hash in the page's Content-Security-Policy. It filters
// the findings (severity, rule, article, disposition, words), keeps the count of what is shown,
// tallies dispositions, and writes every field's value into the page itself so that a copy saved
// from the browser keeps what the reviewer entered. It adds no element and loads nothing.
(function () {
  "use strict";
  var doc = document;
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var filters = doc.getElementById("filters");
  var showing = doc.getElementById("showing");
  var tally = doc.getElementById("disposition-tally");
  var findings = [];
  each(doc.querySelectorAll("li.finding"), function (li) {
    var parts = [li.getAttribute("data-path") || ""];
    each(li.querySelectorAll(".rule, .message, .excerpt, .notes, .help, .loc"), function (el) {
      parts.push(el.textContent);
    });
    findings.push({ li: li, text: parts.join(" ").toLowerCase().replace(/\s+/g, " ") });
  });
  var sections = doc.querySelectorAll("section.file");

  function field(name) {
    var el = filters ? filters.querySelector("[name=\"" + name + "\"]") : null;
    return el ? el.value : "";
  }

  function disposition(li) {
    var select = li.querySelector("select.disposition");
    return select ? select.value : "open";
  }

  function apply() {
    if (!filters) { return; }
    var severities = {};
    var allSeverities = true;
    each(filters.querySelectorAll("input[name=\"severity\"]"), function (box) {
      severities[box.value] = box.checked;
      allSeverities = allSeverities && box.checked;
    });
    var rule = field("rule");
    var file = field("file");
    var wanted = field("disposition");
    var query = field("q").toLowerCase().replace(/\s+/g, " ").trim();
    var shown = 0;
    findings.forEach(function (f) {
      var li = f.li;
      var ok = severities[li.getAttribute("data-severity")] !== false &&
        (!rule || li.getAttribute("data-rule") === rule) &&
        (!file || li.getAttribute("data-file") === file) &&
        (!wanted || disposition(li) === wanted) &&
        (!query || f.text.indexOf(query) !== -1);
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    each(sections, function (section) {
      section.hidden = !section.querySelector("li.finding:not([hidden])");
    });
    var why = [];
    if (!allSeverities) {
      var on = [];
      each(filters.querySelectorAll("input[name=\"severity\"]"), function (box) {
        if (box.checked) { on.push(box.value); }
      });
      why.push("severity " + (on.length ? on.join(", ") : "none"));
    }
    if (rule) { why.push("rule " + rule); }
    if (file) { why.push("article " + selectedText("file")); }
    if (wanted) { why.push("disposition " + wanted); }
    if (query) { why.push("search \u201c" + query + "\u201d"); }
    var total = findings.length;
    showing.textContent = why.length
      ? "Filtered view: " + shown + " of " + total + " findings shown (" + why.join("; ") + ")."
      : "All " + total + " findings shown.";
    showing.classList.toggle("filtered", why.length !== 0);
  }

  function selectedText(name) {
    var select = filters.querySelector("[name=\"" + name + "\"]");
    return select && select.selectedIndex !== -1 ? select.options[select.selectedIndex].text : "";
  }

  function count() {
    if (!tally) { return; }
    var counts = {};
    var order = [];
    findings.forEach(function (f) {
      var d = disposition(f.li);
      if (!(d in counts)) { counts[d] = 0; order.push(d); }
      counts[d] += 1;
    });
    var options = doc.querySelector("select.disposition");
    if (options) {
      order = [];
      each(options.options, function (o) { if (o.value in counts) { order.push(o.value); } });
    }
    tally.textContent = findings.length === 0
      ? "No findings to dispose of."
      : "Dispositions: " + order.map(function (d) { return counts[d] + " " + d; }).join(", ") + ".";
  }

  // The value a field holds, written into its markup, so "Save page as" keeps it.
  function persist(el) {
    if (el.tagName === "SELECT") {
      each(el.options, function (o) {
        if (o.selected) { o.setAttribute("selected", ""); } else { o.removeAttribute("selected"); }
      });
    } else if (el.type === "checkbox" || el.type === "radio") {
      var group = el.type === "radio" ? doc.getElementsByName(el.name) : [el];
      each(group, function (box) {
        if (box.checked) { box.setAttribute("checked", ""); } else { box.removeAttribute("checked"); }
      });
    } else if (el.tagName === "TEXTAREA") {
      el.textContent = el.value;
      fit(el);
    } else if (el.tagName === "INPUT") {
      el.setAttribute("value", el.value);
    }
  }

  // A textarea as tall as its text, so the notes print whole (where CSS cannot size it).
  var sized = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
  function fit(el) {
    if (sized) { return; }
    el.style.height = "auto";
    el.style.height = el.scrollHeight + 2 + "px";
  }

  function changed(event) {
    var el = event.target;
    if (!el || !el.tagName) { return; }
    persist(el);
    if (el.classList.contains("disposition")) { count(); }
    if (filters && (filters.contains(el) || el.classList.contains("disposition"))) { apply(); }
  }

  doc.addEventListener("input", changed);
  doc.addEventListener("change", changed);
  window.addEventListener("beforeprint", function () { each(doc.querySelectorAll("textarea"), fit); });
  if (filters) { filters.hidden = false; }
  each(doc.querySelectorAll("textarea"), fit);
  apply();
  count();
}());
