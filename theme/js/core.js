/* paperpick core: pure logic (no DOM), shared by the page and node's tests. */
(function (root) {
  'use strict';

  var PREFIX = 'paperpick:v1:';

  function storageKey(slug) {
    return PREFIX + slug;
  }

  function corruptKey(slug, stamp) {
    return PREFIX + slug + ':corrupt:' + stamp;
  }

  function parseStored(raw) {
    if (raw == null) return null;
    try {
      var v = JSON.parse(raw);
      var ids = v && v.v === 1 && v.ticked;
      if (Array.isArray(ids) && ids.every(function (x) { return typeof x === 'string'; })) return ids;
    } catch (e) { /* corrupt */ }
    return undefined;
  }

  function serialize(ids) {
    return JSON.stringify({ v: 1, ticked: Array.from(ids) });
  }

  function initialTicks(stored, papers) {
    if (stored) return stored.slice();
    return papers.filter(function (p) { return p.ticked; }).map(function (p) { return p.id; });
  }

  function missing(ticked, known) {
    return Array.from(ticked).filter(function (id) { return !known.has(id); });
  }

  // --- CSV ---------------------------------------------------------------

  var FORMULA = /^[=+\-@\t\r]/;

  function csvCell(value) {
    var s = value == null ? '' : String(value);
    if (FORMULA.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function toCSV(rows) {
    return '\ufeff' + rows.map(function (r) { return r.map(csvCell).join(',') + '\r\n'; }).join('');
  }

  var COLUMN = { Title: 'title', Link: 'link', Conference: 'venue', Year: 'year', Abstract: 'abstract', Id: 'id' };

  function cellValue(column, rec) {
    var key = COLUMN[column];
    if (key) return rec[key] || '';
    var fields = rec.fields || [];
    for (var i = 0; i < fields.length; i++) if (fields[i][0] === column) return fields[i][1];
    return '';
  }

  function csvFor(columns, records) {
    return toCSV([columns].concat(records.map(function (rec) {
      return columns.map(function (c) { return cellValue(c, rec); });
    })));
  }

  // --- search ------------------------------------------------------------

  function words(query) {
    var out = [];
    String(query || '').toLowerCase().split(/\s+/).forEach(function (w) {
      if (w && out.indexOf(w) < 0) out.push(w);
    });
    return out;
  }

  function matches(hay, ws) {
    for (var i = 0; i < ws.length; i++) if (hay.indexOf(ws[i]) < 0) return false;
    return true;
  }

  function narrows(prev, next) {
    if (!prev || !prev.length) return false;
    return prev.every(function (p) {
      return next.some(function (w) { return w.indexOf(p) >= 0; });
    });
  }

  function search(hays, ws, among) {
    var out = [];
    if (among) {
      for (var j = 0; j < among.length; j++) if (matches(hays[among[j]], ws)) out.push(among[j]);
    } else {
      for (var i = 0; i < hays.length; i++) if (matches(hays[i], ws)) out.push(i);
    }
    return out;
  }

  function spans(text, ws) {
    var low = text.toLowerCase();
    var out = [];
    if (low.length !== text.length) return out; // offsets would not line up
    ws.forEach(function (w) {
      for (var at = low.indexOf(w); at >= 0; at = low.indexOf(w, at + w.length)) out.push([at, at + w.length]);
    });
    out.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    out.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push(s);
    });
    return merged;
  }

  var api = {
    storageKey: storageKey,
    corruptKey: corruptKey,
    parseStored: parseStored,
    serialize: serialize,
    initialTicks: initialTicks,
    missing: missing,
    csvCell: csvCell,
    toCSV: toCSV,
    cellValue: cellValue,
    csvFor: csvFor,
    words: words,
    matches: matches,
    narrows: narrows,
    search: search,
    spans: spans,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.PaperpickCore = api;
})(this);
