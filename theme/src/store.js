/* Where ticks are kept: a list's key in localStorage (see keep.js for the faults). */

import { createKeep } from './keep.js';
import { initialTicks, merge, parseStored, serialize, storageKey } from './ticks.js';

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
