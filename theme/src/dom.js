/* Small DOM helpers shared by the views. */

export const $ = id => document.getElementById(id);
export const all = (sel, root = document) => [...root.querySelectorAll(sel)];

/** A new element: attributes (data-*, aria-*, class, ...) set as given, text as its text. */
export function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text != null) e.textContent = text;
  return e;
}

/** A <span> of text that may hold isolated names (strings.isolate): each one becomes a
    <bdi>, so the text reads the same and a name's direction stays inside it. */
export function textSpan(text) {
  const e = el('span');
  e.append(...String(text).split(/\u2068([^\u2069]*)\u2069/).map((part, i) => i % 2 ? el('bdi', {}, part) : part));
  return e;
}

/** A copy of what a <template> of the page holds (its first node: .firstChild). */
export const copyOf = id => $(id).content.cloneNode(true);

/** The page's address as links carry it (the configured url, else this one's), then '#'. */
export const pageURL = data => (data.url || location.href.split(/[?#]/)[0]) + '#';

/** The page's file input of that id (list.html, team.html): take(files) gets what is chosen. */
export function filePicker(id, take) {
  const p = $(id);
  p.onchange = () => {
    take([...p.files]);
    p.value = '';
  };
  return p;
}

/** Save text (or the parts of it, in order) as a file the browser downloads, in UTF-8. */
export function download(name, text, type) {
  // text: a string (only strings have trim), or its parts in an array or one by one (a CSV's
  // rows), each written in UTF-8 into buffers of 4 MB and let go: the whole CSV of 30k papers
  // held at once (records and rows, ~150 MB) made the collector walk the page's whole heap,
  // 1-4 s in the click under load. A Blob per 1,000 rows cost 20-40 ms more at 10k, and its
  // rows, held in batches, outlived the young generation: in 3 of 6 runs of bench/browser.py's
  // flow at 10k the click marked the page's whole heap, 0.85-1.15 s (a marking step of
  // ~240 ms still falls in some clicks: bench/ROUND7.md)
  // (at most 3 bytes a UTF-16 unit; a new encoder a part: keeping one cost 7 bytes of the
  // page's budget)
  const bytes = [];
  let rest = bytes;  // what is left of the buffer: nothing yet (an empty array)
  for (const s of text.trim ? [text] : text) {
    if (rest.length <= s.length * 3) rest = new Uint8Array(4e6 + s.length * 3);
    const n = new TextEncoder().encodeInto(s, rest).written;
    bytes.push(rest.subarray(0, n));
    rest = rest.subarray(n);
  }
  const a = el('a', { href: URL.createObjectURL(new Blob(bytes, { type: type + ';charset=utf-8' })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Copy text to the clipboard: a promise, rejected where the browser does not allow it
    (async: a clipboard that is not there at all rejects too). */
export const copyText = async text => navigator.clipboard.writeText(text);

/** Speak lang: the page is drawn in one language; another needs its marked texts (sel:
    data-i18n="key", an abstract's summary) and attributes (data-i18n-label, ...) replaced. */
export function relabel(lang, t, sel = '[data-i18n]') {
  if (lang === document.documentElement.lang) return;
  document.documentElement.lang = lang;
  const each = (s, f) => [document, ...all('template').map(x => x.content)].forEach(r => all(s, r).forEach(f));  // and what templates hold
  each(sel, e => { e.textContent = t(e.getAttribute('data-i18n') || 'abstract', { n: e.getAttribute('data-n') }); });
  ['placeholder', 'label', 'title'].forEach(k => {
    each('[data-i18n-' + k + ']', e => e.setAttribute(k === 'label' ? 'aria-label' : k, t(e.getAttribute('data-i18n-' + k))));
  });
}
