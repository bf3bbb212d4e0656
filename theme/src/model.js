/* The page's state, apart from any view: ticks, search, what is shown, notices, undo. */

import { missing } from './ticks.js';
import { narrows, search, words } from './search.js';

/** The notices the page shows: one per key, each with its actions [[action, label]]. */
export function createNotices() {
  const notices = { list: [] };
  /** Say something (text '' takes the notice under key away). */
  notices.say = (key, text, acts = []) => {
    notices.list = notices.list.filter(x => x.key !== key);
    if (text) notices.list.push({ key, text, acts });
  };
  return notices;
}

/**
 * ids: the papers' ids in list order; store: createStore(...); notices: createNotices();
 * hayOf(i): paper i's search text; onChange(): draws the page again after any change.
 */
export function createModel({ ids, store, notices, hayOf, onChange, query = '', filter = 'all' }) {
  const n = ids.length, known = new Map(ids.map((id, i) => [id, i]));
  const hays = [], views = new Map();  // name -> predicate (i) -> bool, e.g. a shared view
  let built = 0;
  const m = {
    ids, known, n,
    ticked: new Set(),  // ticked ids, including ids that are not in this list
    query, words: [], filter,
    match: null,        // sorted indexes matching the query, or null for "all"
    notices,
    undo: null,         // [ids to tick, ids to untick] that undo the last bulk change
    views,
    tally: null,        // the team's votes while its tally is open: id -> names (team-ui.js)
    hays,               // the search texts built so far (lower-case)
  };

  /** Build search texts, up to limit papers at a time (idle time fills them early). */
  m.buildHays = (limit = n) => {
    for (; built < n && limit-- > 0; built++) hays[built] = hayOf(built);
    return built < n;
  };

  /** Paper i's search text changed (its note): build it again. */
  m.rehay = i => {
    if (i < built) hays[i] = hayOf(i);
  };

  m.search = q => {
    const ws = words(q);
    m.query = q;
    if (ws.length) m.buildHays();
    const fresh = narrows(m.words, ws);  // words before: a match
    m.match = ws.length ? search(hays, fresh || ws, fresh && m.match) : null;
    m.words = ws;
  };

  m.notice = notices.say;
  /** Say something at once (a notice, then the page drawn again). */
  m.tell = (key, text, acts) => {
    notices.say(key, text, acts);
    onChange();
  };

  m.missing = () => missing(m.ticked, known);
  /** The ticked papers of this list (not those kept for papers it no longer has). */
  m.mine = () => [...m.ticked].filter(id => known.has(id));

  /** Whether paper i is shown: matches the search, the ticked/unticked filter and every view. */
  m.shows = (i, on, matchSet) => {
    if ((matchSet && !matchSet[i]) || m.filter === (on ? 'unticked' : 'ticked')) return false;
    for (const pred of views.values()) if (!pred(i)) return false;
    return true;
  };

  /** Tick the ids in on (or untick them when tick is false), untick those in off, keep it. */
  m.setTicks = (on, tick = true, off = []) => {
    on.forEach(id => { m.ticked[tick ? 'add' : 'delete'](id); });
    off.forEach(id => { m.ticked.delete(id); });
    const kept = store.save(m.ticked);
    if (kept) m.ticked = new Set(kept);
    onChange();
  };

  /** A change of many ticks that the reader can undo: tick on, untick off, and say text;
      also: what undoes the rest of the change (labels, notes), if any. */
  m.bulk = (text, on, off, undoLabel, also) => {
    m.undo = [off, on, also];
    m.notice('msg', on.length + off.length || also ? text : '', [['undo', undoLabel]]);
    m.setTicks(on, true, off);
  };

  m.undoLast = () => {
    m.notice('msg', '');
    if (m.undo[2]) m.undo[2]();
    m.setTicks(m.undo[0], true, m.undo[1]);
  };

  /** Another tab saved ticks: take them in. */
  m.follow = newValue => {
    const got = store.follow(newValue, m.ticked);
    if (got) {
      m.ticked = new Set(got);
      onChange();
    }
  };

  m.ticked = new Set(store.load());
  return m;
}
