/* The paper cards: the one place that reads a paper's data out of its HTML.

   The page's JSON leaves out what a card already says (link, venue, year, and any title,
   abstract or field whose text is its source: generator/page.py decides), so the writers'
   records are put together here from both. A venue or year every paper shares is said once,
   in the header (#common), not on the cards. tests/test_card.py checks, without a browser,
   that every record read here equals the source list's paper. */

const text = (li, sel) => {
  const e = li.querySelector(sel);
  return e ? e.textContent : '';
};

/** A card's text of a part ('title', 'abstract', 'fields', 'venue', 'year'; the header's
    when every paper shares it). */
export const shown = (li, part) => text(li, '.' + part) || text(li.ownerDocument.getElementById('common') || li, '.' + part);

/** The link of a card's title ('' when it has none). */
export function linkOf(li) {
  const a = li.querySelector('.title > a');
  return a ? a.getAttribute('href') : '';
}

/** The record the writers take: {id, link, venue, year, fields, title, abstract, section,
    label, note, read} (section: the headings the paper sits under, outer to inner, as
    structure-ui.js knows them; label, note, read: the list's own triage of the paper). */
export function record(li, p, section = []) {
  const abs = li.querySelector('.abstract');
  return {
    id: p.id, link: linkOf(li), venue: shown(li, 'venue'), year: shown(li, 'year'),
    fields: p.fields || [...li.querySelectorAll('.fields > div')].map(d => [d.firstChild.textContent, d.lastChild.textContent]),
    title: p.title != null ? p.title : text(li, '.title'),
    abstract: p.abstract != null ? p.abstract : abs ? [...abs.children].map(c => c.textContent).join('\n\n') : '',
    section,
    label: li.getAttribute('data-label') || '', note: text(li, '[data-note]'), read: li.hasAttribute('data-read') ? 'yes' : '',
  };
}

/** The lower-case text search looks through: what the card shows and what only the data holds. */
export const haystack = (li, p) => [text(li, '.title'), text(li, '.abstract'), text(li, '.fields'), text(li, '[data-note]'),
  p.title || '', p.abstract || ''].concat((p.fields || []).map(f => f[1])).join('\n').toLowerCase();
