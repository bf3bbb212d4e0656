/* paperpick core: pure logic (no DOM), shared by the page and node's tests. */
(function (root) {
  'use strict';

  var PREFIX = 'paperpick:v1:';

  /** The localStorage key of one list's ticks (per list, versioned). */
  function storageKey(slug) {
    return PREFIX + slug;
  }

  /** Where unreadable stored data is set aside (never overwriting an earlier copy). */
  function corruptKey(slug, stamp) {
    return PREFIX + slug + ':corrupt:' + stamp;
  }

  /**
   * Read what storage holds: null when nothing is stored, an array of ids when
   * it is readable, or undefined when it is corrupt.
   */
  function parseStored(raw) {
    if (raw == null) return null;
    try {
      var v = JSON.parse(raw);
      var ids = v && v.v === 1 && v.ticked;
      if (Array.isArray(ids) && ids.every(function (x) { return typeof x === 'string'; })) return ids;
    } catch (e) { /* corrupt */ }
    return undefined;
  }

  /** Write ticks for storage. */
  function serialize(ids) {
    return JSON.stringify({ v: 1, ticked: Array.from(ids) });
  }

  /** The ticks to start from: what is stored, else the papers the source marks [x]. */
  function initialTicks(stored, papers) {
    if (stored) return stored.slice();
    return papers.filter(function (p) { return p.ticked; }).map(function (p) { return p.id; });
  }

  /** Ticked ids that name no paper of this list (kept, and reported). */
  function missing(ticked, known) {
    return Array.from(ticked).filter(function (id) { return !known.has(id); });
  }

  // --- CSV ---------------------------------------------------------------

  var FORMULA = /^[=+\-@\t\r]/;

  /** One CSV cell: formula guard (OWASP), then RFC 4180 quoting. */
  function csvCell(value) {
    var s = value == null ? '' : String(value);
    if (FORMULA.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /** A whole CSV file: UTF-8 BOM, CRLF after every row. */
  function toCSV(rows) {
    return '\ufeff' + rows.map(function (r) { return r.map(csvCell).join(',') + '\r\n'; }).join('');
  }

  var COLUMN = { Title: 'title', Link: 'link', Conference: 'venue', Year: 'year', Abstract: 'abstract', Id: 'id' };

  /** The value of one CSV column for a paper record ({title, link, venue, year, abstract, id, fields}). */
  function cellValue(column, rec) {
    var key = COLUMN[column];
    if (key) return rec[key] || '';
    var fields = rec.fields || [];
    for (var i = 0; i < fields.length; i++) if (fields[i][0] === column) return fields[i][1];
    return '';
  }

  /** The CSV of the given records, header first. */
  function csvFor(columns, records) {
    return toCSV([columns].concat(records.map(function (rec) {
      return columns.map(function (c) { return cellValue(c, rec); });
    })));
  }

  // --- search ------------------------------------------------------------

  /** The words of a query: lower-cased, split on white space, without repeats. */
  function words(query) {
    var out = [];
    String(query || '').toLowerCase().split(/\s+/).forEach(function (w) {
      if (w && out.indexOf(w) < 0) out.push(w);
    });
    return out;
  }

  /** Whether a lower-cased text holds every word. */
  function matches(hay, ws) {
    for (var i = 0; i < ws.length; i++) if (hay.indexOf(ws[i]) < 0) return false;
    return true;
  }

  /**
   * Whether every match of `next` is also a match of `prev`: each earlier word
   * lives inside some new word (so only the previous matches need rescanning).
   */
  function narrows(prev, next) {
    if (!prev || !prev.length) return false;
    return prev.every(function (p) {
      return next.some(function (w) { return w.indexOf(p) >= 0; });
    });
  }

  /** The indexes (ascending) of the haystacks that hold every word; only among `among` if given. */
  function search(hays, ws, among) {
    var out = [];
    if (among) {
      for (var j = 0; j < among.length; j++) if (matches(hays[among[j]], ws)) out.push(among[j]);
    } else {
      for (var i = 0; i < hays.length; i++) if (matches(hays[i], ws)) out.push(i);
    }
    return out;
  }

  /** Where the words occur in a text: sorted, merged [start, end) pairs. */
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
