/* A site of several lists: the lists a page shows, and which list each paper is from (pure). */

/** The lists a page shows, [{slug, title, n, ids, x}] (their papers' ids, those marked [x]): its
    own, or on the page of all lists each list's run of papers (data.lists: [slug, title, n,
    ids of its papers shown under an earlier list]). */
export function pageLists(data, ids) {
  const x = new Set(ids.filter((id, i) => data.papers[i].ticked));
  let at = 0;
  return (data.lists || [[data.slug, data.title, ids.length]]).map(([slug, title, n, also = []]) => {
    const own = ids.slice(at, at += n).concat(also);
    return { slug, title, n, ids: own, x: own.filter(id => x.has(id)) };
  });
}

/** Each paper's list title, by its place on the page (the List column). */
export const listTitles = lists => lists.flatMap(l => Array(l.n).fill(l.title));

const UNITS = [['year', 31536e3], ['month', 2592e3], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

/** How long ago then was, in the reader's language ("3 days ago", "yesterday", "3天前"). */
export function ago(then, now, lang) {
  const s = (then - now) / 1000, [unit, size] = UNITS.find(([, size]) => Math.abs(s) >= size) || UNITS[6];
  return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(Math.round(s / size), unit);
}
