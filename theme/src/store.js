/* Where ticks are kept: the site's key in localStorage, or a list's (see keep.js for the faults). */

import { createKeep } from './keep.js';
import { carried, initialTicks, merge, parseRecord, parseSite, parseStored, serialize, siteKey, storageKey } from './ticks.js';

export function createStore(slug, papers, report, storage) {
  const keep = createKeep(storageKey(slug), parseStored, report, storage);
  // The ticks this tab last read or wrote: a save applies only this tab's changes since
  // then to what is stored now, so a tick another tab saved a moment ago is not lost.
  let base;

  /** Write the ticks (merged with what is stored now); give what is kept, or null. */
  function save(ticks) {
    let got;
    try {
      got = merge(base, ticks, keep.now());
    } catch {
      return null;  // storage went away: load() said so
    }
    if (!keep.save(serialize(got))) return null;
    base = got;
    return got;
  }

  /** Read the ticks to start with: the stored ones, else the list's own [x] papers. */
  function load() {
    base = initialTicks(keep.load(), papers);
    return keep.aside ? save(base) || base : base;  // the unreadable data is replaced
  }

  /** Take another tab's stored ticks (a storage event's new value) into this tab's. */
  function follow(newValue, mine) {
    const got = newValue != null && parseStored(newValue);
    if (!got) return null;
    const out = merge(base, mine, got);  // keeps what could not be saved here
    base = got;
    return out;
  }

  return { key: keep.key, load, save, follow };
}

/**
 * The site's picks (ticks.js says how they are kept): one key for every list of the site.
 * site: the site's key (page data); lists: the lists this page shows, [{slug, ids, x}] (their
 * papers' ids, and those the list marks [x]); whole: whether the page shows every paper of the
 * site (then a list's earlier key gets all the picks, papers that left the list too).
 */
export function createSiteStore({ site, lists, whole }, report, storage) {
  const keep = createKeep(siteKey(site), parseSite, report, storage);
  // An earlier key that cannot be written is no loss (the site's key holds the picks): only
  // unreadable data there is said.
  const olds = lists.map(l => createKeep(storageKey(l.slug), parseRecord, (k, d) => k === 'corrupt' && report(k, d), storage));
  const was = [], written = [];  // per list: what an earlier version had there; what was written
  let base, from;
  // A list's part of the picks: all of them on a site of one list, as earlier versions kept.
  const part = (l, ticks) => {
    const on = new Set(ticks);
    return whole && !lists[1] ? [...on] : l.ids.filter(id => on.has(id));
  };

  function mirror(ticks) {
    lists.forEach((l, k) => {
      const text = JSON.stringify({ v: 1, ticked: part(l, ticks), site, old: was[k] });
      if (text !== written[k] && olds[k].save(text)) written[k] = text;
    });
  }

  /** Write the ticks (merged with what is stored now); give what is kept, or null. */
  function save(ticks) {
    let got;
    try {
      const now = keep.now();
      got = merge(base, ticks, now && now.ticked);
      if (now) from = [...new Set(from.concat(now.from))];
    } catch {
      return null;  // storage went away: load() said so
    }
    if (!keep.save(serialize(got, from))) return null;
    base = got;
    mirror(got);
    return got;
  }

  /** Read the picks to start with, bringing in each list's earlier ticks (or [x]) once. */
  function load() {
    const got = keep.load();
    let ticks = got ? got.ticked : [], changed = !!keep.aside;
    from = got ? got.from : [];
    lists.forEach((l, k) => {
      const old = olds[k].load(), earlier = old && old.site == null;
      if (!from.includes(l.slug)) {  // stored only when there was something to carry
        const came = carried(old, site);
        ticks = [...new Set(ticks.concat(came || l.x))];
        from.push(l.slug);
        changed = changed || !!came;
      } else if (earlier) {  // a page of an earlier version changed it since: take that in
        ticks = merge(part(l, ticks), old.ticked, ticks);
        changed = true;
      }
      was[k] = earlier ? old.ticked : (old || {}).old;
    });
    base = got ? got.ticked : [];  // what is stored: the save below adds what came in
    return changed ? save(ticks) || ticks : ticks;
  }

  /** Take another tab's stored picks (a storage event's new value) into this tab's. */
  function follow(newValue, mine) {
    const got = parseSite(newValue);  // (null when it was removed)
    if (!got) return null;
    const out = merge(base, mine, got.ticked);  // keeps what could not be saved here
    base = got.ticked;
    return out;
  }

  return { key: keep.key, load, save, follow };
}

const openedKey = site => siteKey(site) + ':opened';
const readOpened = (s, site) => {
  try {
    return JSON.parse(s.getItem(openedKey(site))) || {};
  } catch {
    return {};  // unreadable: only when each page was last opened, noted again from now on
  }
};

/** When each page of the site was last opened in this browser: {slug: ms}. */
export function openedAt(site, storage = () => window.localStorage) {
  try {
    return readOpened(storage(), site);
  } catch {
    return {};  // no storage: the picks' own store says so
  }
}

/** Note that a page of the site (its slug) is opened now, for the index. */
export function markOpened(site, slug, storage = () => window.localStorage) {
  try {
    const s = storage(), seen = readOpened(s, site);
    seen[slug] = Date.now();
    s.setItem(openedKey(site), JSON.stringify(seen));
  } catch { /* refused or full: the picks' own store says so */ }
}
