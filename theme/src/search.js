/* Search: the query's words, which papers hold them all, and where (pure). */

/** The distinct lower-case words of a query. */
export const words = query => [...new Set(String(query || '').toLowerCase().split(/\s+/).filter(Boolean))];

/** Whether the words of a new query only narrow the last one's (rescan its matches). */
export const narrows = (prev, next) => prev.length > 0 && prev.every(p => next.some(w => w.includes(p)));

/** The indexes of the haystacks (lower-case texts) holding every word, among some or all. */
export const search = (hays, ws, among) => (among || hays.map((_, i) => i)).filter(i => ws.every(w => hays[i].includes(w)));

/** Where the words are in a text: sorted, merged [start, end] pairs. */
export function spans(text, ws) {
  const low = text.toLowerCase(), out = [], merged = [];
  if (low.length !== text.length) return out; // offsets would not line up
  ws.forEach(w => {
    for (let at = low.indexOf(w); at >= 0; at = low.indexOf(w, at + w.length)) out.push([at, at + w.length]);
  });
  out.sort((a, b) => a[0] - b[0]).forEach(s => {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push(s);
  });
  return merged;
}
