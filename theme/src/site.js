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
