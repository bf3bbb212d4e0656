/* Where ticks are kept: a list's key in localStorage, with every fault said, never hidden.

   report(kind, detail) tells the page what happened: 'ok', 'refused', 'full', or
   'corrupt' (detail: the key the unreadable data was set aside under). */

import { corruptKey, initialTicks, merge, parseStored, serialize, storageKey } from './ticks.js';

export function createStore(slug, papers, report, storage = () => window.localStorage) {
  const key = storageKey(slug);
  let store = null;
  // The ticks this tab last read or wrote: a save applies only this tab's changes since
  // then to what is stored now, so a tick another tab saved a moment ago is not lost.
  let base;

  /** Write the ticks (merged with what is stored now); give what is kept, or null. */
  function save(ticks) {
    if (!store) return null;
    try {
      const got = merge(base, ticks, parseStored(store.getItem(key)));
      store.setItem(key, serialize(got));
      base = got;
      report('ok');
      return got;
    } catch (e) {
      report(e && e.name === 'SecurityError' ? 'refused' : 'full');
      return null;
    }
  }

  /** Read the ticks to start with; unreadable data is set aside, never overwritten. */
  function load() {
    let raw;
    try {
      raw = (store = storage()).getItem(key);
    } catch {  // no store at all, or it refuses
      store = null;
      report('refused');
      return (base = initialTicks(null, papers));
    }
    const got = parseStored(raw);
    if (got !== undefined) return (base = initialTicks(got, papers));
    const aside = corruptKey(slug, Date.now());
    try {
      store.setItem(aside, raw);
      report('corrupt', aside);
      return save(initialTicks(null, papers)) || initialTicks(null, papers);
    } catch {
      store = null;
      report('full');
      return initialTicks(null, papers);
    }
  }

  /** Take another tab's stored ticks (a storage event's new value) into this tab's. */
  function follow(newValue, mine) {
    const got = newValue != null && parseStored(newValue);
    if (!got) return null;
    const out = merge(base, mine, got);  // keeps what could not be saved here
    base = got;
    return out;
  }

  return { key, load, save, follow };
}
