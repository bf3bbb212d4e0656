/* The list's structure without the page: facets, orders, and the passage that shows why a
   paper matched (pure). */

/** The page's facets ([name, values, codes] from generator/structure.py) as {values, of}:
    of[i] lists paper i's value indexes; a code is a value's place in the alphabet. */
export const readFacets = (raw, alphabet) => raw.map(([, values, codes]) =>
  ({ values, of: codes.split(',').map(s => [...s].map(c => alphabet.indexOf(c))) }));

/** Whether paper i has one of the chosen values (sel[k], a Set) of every facet with any. */
export const passes = (facets, sel, i) => sel.every((s, k) => !s.size || facets[k].of[i].some(v => s.has(v)));

/** Indexes ordered by their keys, ties kept in list order. */
export const orderBy = (keys, cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0) =>
  keys.map((_, i) => i).sort((a, b) => cmp(keys[a], keys[b]) || a - b);

/** About 150 characters of text from a little before the first place of word. */
export function passage(text, word) {
  text = text.replace(/\s+/g, ' ');
  const a = Math.max(0, text.toLowerCase().indexOf(word) - 40);
  return (a ? '…' : '') + text.slice(a, a + 150) + (a + 150 < text.length ? '…' : '');
}
