/* One key of localStorage, kept with every fault said and nothing lost: unreadable data
   is set aside under its own key, never overwritten. report(kind, detail): 'ok',
   'refused', 'full', or 'corrupt' (detail: where the unreadable data was set aside). */

/** Stored JSON as valid(value) reads it (undefined: not what is kept there): null when
    nothing is stored, undefined when corrupt. */
export function readJSON(raw, valid) {
  if (raw == null) return null;
  try {
    return valid(JSON.parse(raw));
  } catch { /* corrupt: told apart from "nothing stored" by returning undefined */ }
}

export function createKeep(key, parse, report, storage = () => window.localStorage) {
  let store = null;
  const keep = { key };

  /** Read what is kept: the parsed value, or null when nothing (readable) is there
      (keep.aside then names where unreadable data was set aside). */
  keep.load = () => {
    let raw;
    try {
      raw = (store = storage()).getItem(key);
    } catch {  // no store at all, or it refuses
      store = null;
      report('refused');
      return null;
    }
    const got = parse(raw);
    if (got !== undefined) return got;
    const aside = key + ':corrupt:' + Date.now();
    try {
      store.setItem(aside, raw);
      keep.aside = aside;
      report('corrupt', aside);
    } catch {
      store = null;
      report('full');
    }
    return null;
  };

  /** What is kept now, read again (another tab may have written it): null when none. */
  keep.now = () => store ? parse(store.getItem(key)) : null;

  /** Keep text; false when it could not be (full or refused: said). */
  keep.save = text => {
    if (!store) return false;
    try {
      store.setItem(key, text);
      report('ok');
      return true;
    } catch (e) {
      report(e && e.name === 'SecurityError' ? 'refused' : 'full');
      return false;
    }
  };
  return keep;
}
