/* paperpick core: pure logic (no DOM), shared by the page and node's tests. */
(function (root) {
  'use strict';

  var storageKey = slug => 'paperpick:v1:' + slug;
  var corruptKey = (slug, stamp) => storageKey(slug) + ':corrupt:' + stamp;

  /** Stored ticks: the ids, null when nothing is stored, undefined when corrupt. */
  function parseStored(raw) {
    if (raw == null) return null;
    try {
      var v = JSON.parse(raw), ids = v && v.v === 1 && v.ticked;
      if (Array.isArray(ids) && ids.every(x => typeof x === 'string')) return ids;
    } catch (e) { /* corrupt */ }
  }

  var serialize = ids => JSON.stringify({ v: 1, ticked: [...ids] });
  var initialTicks = (stored, papers) => stored ? stored.slice() : papers.filter(p => p.ticked).map(p => p.id);
  var missing = (ticked, known) => [...ticked].filter(id => !known.has(id));

  /** What to store so that two tabs never lose each other's ticks: this tab's own changes
      since base (the ticks it last read or wrote), applied to now (the ticks stored now;
      null or undefined when none can be read: then mine as they are). */
  function merge(base, mine, now) {
    if (!now) return [...mine];
    var out = new Set(now), b = new Set(base), m = new Set(mine);
    m.forEach(id => b.has(id) || out.add(id));
    b.forEach(id => m.has(id) || out.delete(id));
    return [...out];
  }

  // --- CSV ---------------------------------------------------------------

  function csvCell(value) {
    var s = value == null ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  var COLUMN = { Title: 'title', Link: 'link', Conference: 'venue', Year: 'year', Abstract: 'abstract', Id: 'id' };

  function cellValue(column, rec) {
    var f = (rec.fields || []).find(f => f[0] === column);
    return COLUMN[column] ? rec[COLUMN[column]] || '' : f ? f[1] : '';
  }

  var csvFor = (columns, records) => '\ufeff' + [columns].concat(records.map(rec => columns.map(c => cellValue(c, rec))))
    .map(r => r.map(csvCell).join(',') + '\r\n').join('');

  // --- search ------------------------------------------------------------

  var words = query => [...new Set(String(query || '').toLowerCase().split(/\s+/).filter(Boolean))];

  /** Whether the words of a new query only narrow the last one's (rescan its matches). */
  var narrows = (prev, next) => !!(prev && prev.length) && prev.every(p => next.some(w => w.includes(p)));

  function search(hays, ws, among) {
    var out = [];
    for (var j = 0, n = among ? among.length : hays.length; j < n; j++) {
      var i = among ? among[j] : j, hay = hays[i], k = 0;
      while (k < ws.length && hay.includes(ws[k])) k++;
      if (k === ws.length) out.push(i);
    }
    return out;
  }

  /** Where the words are in a text: sorted, merged [start, end] pairs. */
  function spans(text, ws) {
    var low = text.toLowerCase(), out = [], merged = [];
    if (low.length !== text.length) return out; // offsets would not line up
    ws.forEach(w => {
      for (var at = low.indexOf(w); at >= 0; at = low.indexOf(w, at + w.length)) out.push([at, at + w.length]);
    });
    out.sort((a, b) => a[0] - b[0]).forEach(s => {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push(s);
    });
    return merged;
  }

  var api = {
    storageKey, corruptKey, parseStored, serialize, initialTicks, missing, merge, csvCell, csvFor, words, narrows, search, spans,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.PaperpickCore = api;
})(this);
