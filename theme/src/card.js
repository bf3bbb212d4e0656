/* The paper cards: the one place that reads a paper's data out of its HTML.

   The page's JSON leaves out what a card already says (link, venue, year, any title or field
   whose text is its source, and of an abstract all its card's text says: generator/page.py
   decides), so the writers' records are put together here from both. A venue or year every
   paper shares is said once, in the header (#common), not on the cards. tests/test_card.py checks, without a browser,
   that every record read here equals the source list's paper. */

/** The card's element of a class: a child of its body (title, meta, note, fields, details) or
    a child of one (venue, year, abstract), each of that one class. Looked for there only, from
    sibling to sibling: a search of the whole card, math and all, made the CSV of 10k papers
    and the search texts several times slower (and so did .children and .classList). */
function find(li, part) {
  for (let c = li.lastElementChild.firstElementChild; c; c = c.nextElementSibling) {
    if (c.className === part) return c;
    for (let d = c.firstElementChild; d; d = d.nextElementSibling) if (d.className === part) return d;
  }
}

const text = e => e ? e.textContent : '';

/** A card's text of a part ('title', 'abstract', 'fields', 'venue', 'year'; the header's
    when every paper shares it). */
export const shown = (li, part) => text(find(li, part) || document.querySelector('#common .' + part));

/** A card's abstract as its list writes it: the card's text with the page's edits
    (generator/edits.py): a string is put in, a number copies (n > 0) or skips (n < 0) that
    many characters of the text, and the rest of the text is copied. */
function source(li, p) {
  const t = text(find(li, 'abstract'));
  let i = 0, s = '';
  for (const e of p.abstract || []) s += typeof e == 'string' ? e : e < 0 ? (i -= e, '') : t.slice(i, i += e);
  return s + t.slice(i);
}

/** The link of a card's title ('' when it has none). */
export function linkOf(li) {
  const a = find(li, 'title').firstElementChild;  // titles hold no links of their own
  return a && a.getAttribute('href') || '';
}

/** The record the writers take: {id, link, venue, year, fields, title, abstract, section,
    label, note, read} (section: the headings the paper sits under, outer to inner, as
    structure-ui.js knows them; label, note, read: the list's own triage of the paper). */
export function record(li, p, section = [], list) {
  const f = find(li, 'fields');
  return {
    id: p.id, link: linkOf(li), venue: shown(li, 'venue'), year: shown(li, 'year'),
    fields: p.fields || [...f?.children || []].map(d => [d.firstChild.textContent, d.lastChild.textContent]),
    title: p.title ?? shown(li, 'title'),
    abstract: source(li, p),
    section,
    label: li.getAttribute('data-label') || '', note: text(find(li, 'note')), read: li.hasAttribute('data-read') ? 'yes' : '',
    list,
  };
}

/** The lower-case text search looks through: what the card shows and what only the data holds. */
export const haystack = (li, p) => ['title', 'abstract', 'fields', 'note'].map(k => text(find(li, k))).concat(
  p.title || '', p.abstract ? source(li, p) : '', (p.fields || []).map(f => f[1])).join('\n').toLowerCase();
