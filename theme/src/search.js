/* Search: the query's words, which papers hold them all, and where (pure). */

/** The distinct lower-case words of a query. */
export const words = query => [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))];

/** When the words of a new query only narrow the last one's (rescan its matches), the words
    to check there: those it did not have (each match holds the others); else false. */
export const narrows = (prev, next) => prev.length > 0 && prev.every(p => next.some(w => w.includes(p))) && next.filter(w => !prev.includes(w));

/** The indexes of the haystacks (lower-case texts) holding every word, among some or all. */
export const search = (hays, ws, among) => (among || hays.map((_, i) => i)).filter(i => ws.every(w => hays[i].includes(w)));

/** Where the words are in a text: [start, end] pairs, word after word (overlaps need no
    merging: a highlight paints a place once however many ranges hold it). */
export function spans(text, ws) {
  const low = text.toLowerCase(), out = [];
  if (low.length === text.length) ws.forEach(w => {  // else offsets would not line up
    for (let at = low.indexOf(w); at >= 0; at = low.indexOf(w, at + w.length)) out.push([at, at + w.length]);
  });
  return out;
}
