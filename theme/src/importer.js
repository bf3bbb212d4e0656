/* Imports: which papers a CSV or a ticked Markdown list picks, and the labels, notes and read
   marks it gives them (pure). */

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
export const one = s => String(s || '').replace(/\s+/g, ' ').trim();  // a label or note on one line
const lines = text => String(text).replace(/^\ufeff/, '').split(/\r\n|\r|\n/);

/** The entries of a Markdown list: [{title, link, ticked, label, note, read}] (the last three
    as the page's Markdown writes them). */
export function markdownPicks(text) {
  const picks = [];
  let e = null, inDetails = false;
  const finish = () => { if (e && e.tick) picks.push({ ...e, link: e.link || e.tickLink }); };
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
    } else if (f && /^(label|note|read)$/i.test(f[1].trim())) e[f[1].trim().toLowerCase()] ||= f[2].trim();
  });
  finish();
  return picks;
}

/**
 * Match an imported file against the list's records ({id, title, link}): a CSV by its Id
 * column, else its Link column; a Markdown list by the [x] entries' links (titles when
 * linkless). -> {kind, ids: matched ids, total, unmatched, tri} or null when it is neither;
 * tri: {id: [label, note, read]} of the matched papers the file gives any (Label, Note, Read).
 */
export function importPicks(text, fileName, records) {
  const by = {}, found = [], name = fileName || '', tri = {};
  let total = 0, kind = 'csv';
  const title = s => 't ' + String(s).replace(/\s+/g, ' ').toLowerCase();
  const link = s => 'l ' + normalizeLink(s);
  const add = (key, p, ticked) => {
    const id = by[key], e = [one(p.label), one(p.note), +/^yes$/i.test(p.read)];
    if (ticked) total++;
    if (id && ticked) found.push(id);
    if (id && e.join('') !== '0') tri[id] = e;
  };
  records.forEach(r => {
    by['i ' + r.id] = by[title(r.title)] = r.id;
    if (r.link) by[link(r.link)] = r.id;
  });
  if (/\.(md|markdown|txt)$/i.test(name) || (!/\.csv$/i.test(name) && lines(text).some(l => TICK.test(l)))) {
    kind = 'md';
    markdownPicks(text).forEach(p => add(p.link ? link(p.link) : title(p.title), p, p.ticked));
  } else {
    const rows = parseCSV(text), head = (rows[0] || []).map(h => h.trim().toLowerCase());
    const col = head.indexOf('id') >= 0 ? head.indexOf('id') : head.indexOf('link');
    if (col < 0) return null;
    rows.slice(1).forEach(row => {
      if (row.length > 1 || row[0]) {
        const p = {};  // each cell by its column's name, the formula guard taken off
        head.forEach((h, k) => { p[h] = (row[k] || '').trim().replace(/^'(?=[=+\-@\t\r])/, ''); });
        add(head[col] === 'id' ? 'i ' + p.id : link(p.link), p, 1);
      }
    });
  }
  return { kind: kind, ids: uniq(found), total: total, unmatched: total - found.length, tri };
}
