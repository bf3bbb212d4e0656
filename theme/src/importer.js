/* Imports: which papers a CSV or a ticked Markdown list picks (pure). */

import { uniq } from './codec.js';

/** The form of a link that identifies its paper (mirrors parser.normalize_link). */
export function normalizeLink(link) {
  link = String(link || '').trim();
  const m = /^([^:/?#]+):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(link);
  return m ? m[1].toLowerCase() + '://' + m[2].toLowerCase() + m[3].replace(/\/+$/, '') + (m[4] ? '?' + m[4] : '') : link;
}

/** Parse RFC 4180 CSV (BOM, CRLF or LF) into rows of cells. */
export function parseCSV(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  text = String(text).replace(/^\ufeff/, '');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') { cell += ch; i++; } else quoted = false;
    } else if (ch === '"' && !cell) quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' || ch === '\n') {
      row.push(cell); rows.push(row); row = []; cell = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const TICK = /^\s*[-*+][ \t]+\[([ xX])\][ \t]*(.*)$/;
const FIELD = /^\s*[-*+][ \t]+\*\*([^*\n]+?)(?::\*\*|\*\*[ \t]*:)[ \t]*(.*)$/;
const MDLINK = /^\[(.+)\]\((\S+)\)$/;
const lines = text => String(text).replace(/^\ufeff/, '').split(/\r\n|\r|\n/);

/** The [x] entries of a Markdown list: [{title, link}]. */
export function markdownPicks(text) {
  const picks = [];
  let e = null, inDetails = false;
  const finish = () => { if (e && e.ticked) picks.push({ title: e.title, link: e.link || e.tickLink }); };
  lines(text).forEach(line => {
    if (inDetails || /^\s*<details\b/i.test(line)) { inDetails = !/<\/details\s*>/i.test(line); return; }
    const h = /^(#{2,6})[ \t]+(.*?)[ \t#]*$/.exec(line), t = TICK.exec(line), f = e && FIELD.exec(line);
    if (h) { finish(); e = { title: h[2].replace(/^\d+[.)]?(\s+|$)/, '').trim(), link: '' }; } else if (t) {
      if (!e || e.tick) { finish(); e = { title: '', link: '' }; }
      e.tick = 1;
      e.ticked = t[1] !== ' ';
      const rest = t[2].trim(), md = MDLINK.exec(rest), bar = rest.lastIndexOf('|'), url = rest.slice(bar + 1).trim();
      let title = rest;
      if (md) [, title, e.tickLink] = md;
      else if (bar >= 0 && /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(url)) { title = rest.slice(0, bar).trim(); e.tickLink = url; }
      e.title ||= title;
    } else if (f && /^(link|url)$/i.test(f[1].trim()) && !e.link) {
      const v = f[2].trim(), m = MDLINK.exec(v);
      e.link = m ? m[2] : (/^<([^]*)>$/.exec(v) || [0, v])[1].trim();
    }
  });
  finish();
  return picks;
}

/**
 * Match an imported file against the list's records ({id, title, link}): a CSV by its Id
 * column, else its Link column; a Markdown list by the [x] entries' links (titles when
 * linkless). -> {kind, ids: matched ids, total, unmatched} or null when it is neither.
 */
export function importPicks(text, fileName, records) {
  const by = {}, found = [], name = fileName || '';
  let total = 0, kind = 'csv';
  const title = s => 't ' + String(s).replace(/\s+/g, ' ').toLowerCase();
  const link = s => 'l ' + normalizeLink(s);
  const add = key => { total++; if (by[key]) found.push(by[key]); };
  records.forEach(r => {
    by['i ' + r.id] = by[title(r.title)] = r.id;
    if (r.link) by[link(r.link)] = r.id;
  });
  if (/\.(md|markdown|txt)$/i.test(name) || (!/\.csv$/i.test(name) && lines(text).some(l => TICK.test(l)))) {
    kind = 'md';
    markdownPicks(text).forEach(p => add(p.link ? link(p.link) : title(p.title)));
  } else {
    const rows = parseCSV(text), head = (rows[0] || []).map(h => h.trim().toLowerCase());
    const col = head.indexOf('id') >= 0 ? head.indexOf('id') : head.indexOf('link');
    if (col < 0) return null;
    rows.slice(1).forEach(row => {
      if (row.length > 1 || row[0]) {
        let v = (row[col] || '').trim();
        v = /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
        add(head[col] === 'id' ? 'i ' + v : link(v));
      }
    });
  }
  return { kind: kind, ids: uniq(found), total: total, unmatched: total - found.length };
}
