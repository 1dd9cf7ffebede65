/// `assets/search.js`: the one script of a book with `search: true`, and only
/// of such a book. It shows the search field in the header (hidden without
/// scripts, so no page offers what it cannot do), loads `search-index.js` on
/// first use and lists the best sections: chapter, heading, and a snippet with
/// the match marked. `/` focuses the field, the arrows move, Enter opens,
/// Escape closes. Results are built with text nodes, never parsed HTML.
enum SearchScript {
    static let javascript = #"""
// docgen's search: the only script of this book. Every page reads and navigates without it.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var index = null, folded = null, loading = false, failed = false;
  var results = [], active = -1;
  box.hidden = false;

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // The index arrives on first use, through a <script> tag (fetch() is refused for file:// pages).
  function load() {
    if (index || loading || failed) return;
    loading = true;
    var script = document.createElement("script");
    script.src = box.getAttribute("data-index");
    script.onload = function () {
      loading = false;
      index = window.DOCGEN_SEARCH_INDEX || { pages: [], sections: [] };
      folded = index.sections.map(function (s) {
        return { heading: fold(s[2]), text: fold(s[3]), chapter: fold(index.pages[s[0]][1]) };
      });
      search();
    };
    script.onerror = function () { loading = false; failed = true; search(); };
    document.head.appendChild(script);
  }

  function count(haystack, term) {
    var n = 0, at = haystack.indexOf(term);
    while (at >= 0 && n < 5) { n += 1; at = haystack.indexOf(term, at + term.length); }
    return n;
  }

  function score(f, terms, phrase) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i], inHeading = f.heading.indexOf(t) >= 0, inChapter = f.chapter.indexOf(t) >= 0;
      var inText = count(f.text, t);
      if (!inHeading && !inChapter && !inText) return 0;
      total += (inHeading ? 10 : 0) + (inChapter ? 3 : 0) + inText;
    }
    if (terms.length > 1) {
      if (f.heading.indexOf(phrase) >= 0) total += 20;
      else if (f.text.indexOf(phrase) >= 0) total += 8;
    }
    return total;
  }

  // A window of the section's text around the first match, with the match marked.
  function snippet(text, terms) {
    var f = fold(text), phrase = terms.join(" "), at = f.indexOf(phrase), length = phrase.length;
    for (var i = 0; i < terms.length && at < 0; i++) { at = f.indexOf(terms[i]); length = terms[i].length; }
    if (f.length !== text.length) { at = -1; }
    var span = document.createElement("span");
    span.className = "search-snippet";
    if (at < 0) {
      span.textContent = text.length > 160 ? text.slice(0, 160) + "…" : text;
      return span;
    }
    var start = Math.max(0, at - 60), end = Math.min(text.length, at + length + 100);
    span.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + length);
    span.appendChild(mark);
    span.appendChild(document.createTextNode(text.slice(at + length, end) + (end < text.length ? "…" : "")));
    return span;
  }

  function show(open) {
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function search() {
    var query = input.value.trim();
    results = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!query) { show(false); return; }
    if (!index) {
      load();
      var note = document.createElement("li");
      note.className = "search-note";
      note.textContent = failed ? "The search index could not be loaded." : "Loading the index…";
      list.appendChild(note);
      show(true);
      return;
    }
    var phrase = fold(query), terms = phrase.split(/\s+/).filter(Boolean);
    var scored = [];
    for (var i = 0; i < folded.length; i++) {
      var s = score(folded[i], terms, phrase);
      if (s > 0) scored.push([s, i]);
    }
    scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    results = scored.slice(0, 8).map(function (pair) { return index.sections[pair[1]]; });
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "search-note";
      none.textContent = "No section mentions “" + query + "”.";
      list.appendChild(none);
    }
    results.forEach(function (section, n) {
      var item = document.createElement("li");
      item.id = "search-result-" + n;
      item.setAttribute("role", "option");
      var link = document.createElement("a");
      link.href = index.pages[section[0]][0] + (section[1] ? "#" + section[1] : "");
      link.tabIndex = -1;
      var chapter = document.createElement("span");
      chapter.className = "search-chapter";
      chapter.textContent = index.pages[section[0]][1];
      var heading = document.createElement("span");
      heading.className = "search-section";
      heading.textContent = section[2];
      link.appendChild(chapter);
      link.appendChild(heading);
      link.appendChild(snippet(section[3], terms));
      item.appendChild(link);
      list.appendChild(item);
    });
    show(true);
  }

  function move(to) {
    if (!results.length) return;
    if (active >= 0) list.children[active].removeAttribute("aria-selected");
    active = (to + results.length) % results.length;
    var item = list.children[active];
    item.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", item.id);
    item.scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("focus", function () { load(); if (input.value.trim()) search(); });
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); move(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(active - 1); }
    else if (event.key === "Enter") {
      event.preventDefault();
      if (results.length) window.location.href = list.children[Math.max(active, 0)].firstChild.href;
    } else if (event.key === "Escape") { show(false); input.blur(); }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target, typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  document.addEventListener("click", function (event) { if (!box.contains(event.target)) show(false); });
})();
"""#
}
