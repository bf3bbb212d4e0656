/* Ticks as stored: the key per list, the stored format, and how two tabs' saves merge (pure). */

/** The localStorage key of a list's ticks (format v1: {"v":1,"ticked":[ids]}). */
export const storageKey = slug => 'paperpick:v1:' + slug;
export const corruptKey = (slug, stamp) => storageKey(slug) + ':corrupt:' + stamp;

/** Stored ticks: the ids, null when nothing is stored, undefined when corrupt. */
export function parseStored(raw) {
  if (raw == null) return null;
  try {
    const v = JSON.parse(raw), ids = v && v.v === 1 && v.ticked;
    if (Array.isArray(ids) && ids.every(x => typeof x === 'string')) return ids;
  } catch { /* corrupt: told apart from "nothing stored" by returning undefined */ }
  return undefined;
}

export const serialize = ids => JSON.stringify({ v: 1, ticked: [...ids] });

/** The ticks to start from: the stored ones, else the papers the list itself marks [x]. */
export const initialTicks = (stored, papers) => stored ? stored.slice() : papers.filter(p => p.ticked).map(p => p.id);

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
