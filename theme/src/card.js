/* The paper cards: the one place that reads a paper's data out of its HTML.

   The page's JSON leaves out what a card already says (link, venue, year, any title or field
   whose text is its source, and of an abstract all its card's text says: generator/page.py
   decides), so the writers' records are put together here from both. A venue or year every
   paper shares is said once, in the header (#common), not on the cards. tests/test_card.py checks, without a browser,
   that every record read here equals the source list's paper. */

/** The card's elements by class (one of each): the children of its body (title, meta, note,
    fields, details) and theirs (venue, year, abstract), walked from sibling to sibling once
    for all (or up to part). A search of the whole card, math and all, made the CSV of 10k
    papers and the search texts several times slower (and so did .children, .classList and a
    walk for each part). */
function parts(li, part, o = {}) {
  for (let c = li.lastElementChild.firstElementChild; c && !o[part]; c = c.nextElementSibling) {
    for (let d = c; d && !o[part]; d = d === c ? c.firstElementChild : d.nextElementSibling) o[d.className] = d;
  }
  return o;
}

const text = e => e?.textContent || '';

/** A card's text of a part ('title', 'abstract', 'fields', 'venue', 'year'; the header's
    when every paper shares it). */
export const shown = (li, part, o = parts(li, part)) => text(o[part] || document.querySelector('#common .' + part));

/** A card's abstract (its element) as its list writes it: the card's text with the page's
    edits (generator/edits.py): a string is put in, a number copies (n > 0) or skips (n < 0)
    that many characters of the text, and the rest of the text is copied. */
function source(a, p) {
  const t = text(a);
  let i = 0, s = '';
  for (const e of p.abstract || []) s += typeof e == 'string' ? e : e < 0 ? (i -= e, '') : t.slice(i, i += e);
  return s + t.slice(i);
}

/** The link of a card's title ('' when it has none). */
export function linkOf(li) {
  const a = parts(li, 'title').title.firstElementChild;  // titles hold no links of their own
  return a?.getAttribute('href') || '';
}

/** The record the writers take: {id, link, venue, year, fields, title, abstract, section,
    label, note, read, list} (section: the headings the paper sits under, outer to inner, as
    structure-ui.js knows them; label, note, read: the list's own triage of the paper; list:
    the title of its list, on a site's page of all lists). */
export function record(li, p, section = [], list) {
  const o = parts(li);
  return {
    id: p.id, link: linkOf(li), venue: shown(li, 'venue', o), year: shown(li, 'year', o),
    fields: p.fields || [...o.fields?.children || []].map(d => [d.firstChild.textContent, d.lastChild.textContent]),
    title: p.title ?? shown(li, 'title', o),
    abstract: source(o.abstract, p),
    section,
    label: li.getAttribute('data-label') || '', note: text(o.note), read: li.hasAttribute('data-read') ? 'yes' : '',
    list,
  };
}

/** The lower-case text search looks through: what the card shows and what only the data holds. */
export const haystack = (li, p, o = parts(li)) => ['title', 'abstract', 'fields', 'note'].map(k => text(o[k])).concat(
  p.title || '', p.abstract ? source(o.abstract, p) : '', (p.fields || []).map(f => f[1])).join('\n').toLowerCase();
