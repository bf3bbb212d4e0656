/* Ticks as stored: the site's key and format, the keys of earlier versions (one per list),
   what is carried over from them, and how two tabs' saves merge (pure).

   A site keeps one set of picks for all its lists (a paper ticked on its list's page is
   ticked on the page of all lists), under paperpick:site:v1:<site> as
   {"v":1,"ticked":[ids],"from":[slugs]}: <site> is made at build from the site's own
   config (generator/page.py site_key), so sites sharing an origin never mix; "from" names
   the lists whose earlier ticks (or [x] papers) were carried over, once.
   Earlier versions kept each list's ticks under paperpick:v1:<slug> as {"v":1,"ticked":[ids]}.
   That key is still written (its list's ticks, with "site" naming the site that wrote it
   and "old" what an earlier version had there), so a page of an earlier version opened
   later finds the ticks; what such a page changes there is taken in on the next load. */

import { readJSON } from './keep.js';

/** The localStorage key of a list's ticks as earlier versions keep them. */
export const storageKey = slug => 'paperpick:v1:' + slug;
export const siteKey = site => 'paperpick:site:v1:' + site;
export const corruptKey = (slug, stamp) => storageKey(slug) + ':corrupt:' + stamp;

/** A stored record ({"v":1,"ticked":[ids],...}): the parsed object, null when nothing is
    stored, undefined when corrupt. */
export const parseRecord = raw => readJSON(raw, v => {
  const ids = v && v.v === 1 && v.ticked;
  if (Array.isArray(ids) && ids.every(x => typeof x === 'string')) return v;
});

/** Stored ticks: the ids, null when nothing is stored, undefined when corrupt. */
export function parseStored(raw) {
  const v = parseRecord(raw);
  return v && v.ticked;
}

/** The site's record: {ticked, from}, null when nothing is stored, undefined when corrupt. */
export function parseSite(raw) {
  const v = parseRecord(raw);
  return v && (Array.isArray(v.from) ? { ticked: v.ticked, from: v.from } : undefined);
}

export const serialize = (ids, from) => JSON.stringify({ v: 1, ticked: [...ids], from });

/** The ticks to start from: the stored ones, else the papers the list itself marks [x]. */
export const initialTicks = (stored, papers) => stored ? stored.slice() : papers.filter(p => p.ticked).map(p => p.id);

/** What a list's earlier key brings to the site's picks the first time: its ticks when an
    earlier version or this site wrote them (another site's keep what an earlier version had
    there); null when nothing (then the list's own [x] papers). */
export const carried = (old, site) => (old && (old.site == null || old.site === site ? old.ticked : old.old)) || null;

/** Ticked ids that are not papers of this list (kept, and named to the reader). */
export const missing = (ticked, known) => [...ticked].filter(id => !known.has(id));

/** What to store so that two tabs never lose each other's ticks: this tab's own changes
    since base (the ticks it last read or wrote), applied to now (the ticks stored now;
    null or undefined when none can be read: then mine as they are). */
export function merge(base, mine, now) {
  if (!now) return [...mine];
  const out = new Set(now), b = new Set(base), m = new Set(mine);
  m.forEach(id => b.has(id) || out.add(id));
  b.forEach(id => m.has(id) || out.delete(id));
  return [...out];
}
