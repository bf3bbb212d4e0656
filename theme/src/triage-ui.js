/* Triage: a paper's label (keys 1-9, 0 clears), note (n) and read mark (r), set on the current
   paper or with the bar in it (theme/list.html), drawn on its card, where card.js reads them
   for the downloads and the search; a filter by label or unread, with counts; a sort by label.

   Kept beside the ticks, under a key of their own, paperpick:site:v1:<site>:triage, as
   {"v":1,"p":{id: [label, note, read (0 or 1)]}} (the papers the reader changed): the ticks'
   keys stay as they were, so a page of an earlier version still finds them and, knowing
   nothing of this key, never writes over a label or a note. */

import { $, all, el } from './dom.js';
import { createKeep, readJSON } from './keep.js';
import { siteKey } from './ticks.js';
import { orderBy } from './facets.js';
import { decodeShare, encodeShare } from './codec.js';
import { one } from './importer.js';

const attr = (e, k, v) => v ? e.setAttribute(k, v) : e.removeAttribute(k);

/** The stored entries: null when nothing is stored (or ''), undefined when unreadable. */
const parse = raw => readJSON(raw || null, s => {
  // every entry [text, text, 0 or 1], and nothing else
  if (!s || s.v === 1 && Object.values(s.p).every(e => e.join() === [e[0] + '', e[1] + '', e[2] & 1].join() && !e[3])) return s && s.p;
});

/** A paper's triage as its card shows it: [label, note, read]. */
export const entryOf = li => [li.getAttribute('data-label') || '', (li.querySelector('[data-note]') || {}).textContent || '', +li.hasAttribute('data-read')];

export function setupTriage({ model, lis, data, report, render, sorts }) {
  const list = { ids: model.ids, fingerprint: data.fingerprint };
  const keep = createKeep(siteKey(data.site) + ':triage', parse, report), bar = $('tbar'), note = bar.lastElementChild;
  // a label's name is its button's, in the page's language (a label no longer in config.yml: its own)
  const name = {}, labels = all('[data-value]', bar).map(b => (name[b.dataset.value] = b.lastChild.textContent.trim(), b.dataset.value)), filter = $('tfilter');
  /** An entry [label, note, read] as a card's badge says it. */
  const marks = e => [name[e[0]] || e[0], e[2] ? '✓' : '', e[1]].filter(Boolean).join(' · ');
  let mine = {}, at = -1, held = 0, theirs = {};  // what could not be kept yet; the current paper; a button held; a share link's

  /** Draw an entry on paper i's card (and in the bar when it is there). */
  function put(i, [label, text, read]) {
    const li = lis[i], meta = li.querySelector('.meta'), p = li.querySelector('[data-note]') || el('p', { class: 'note', 'data-note': '' });
    attr(li, 'data-label', label);
    li.toggleAttribute('data-read', !!read);
    attr(meta, 'data-t', marks([label, '', read]));
    p.textContent = text;
    text ? meta.after(p) : p.remove();
    model.rehay(i);  // notes are searched
  }
  /** Draw entries {id: entry} of known papers, the counts, the bar. */
  function draw(got) {
    for (const id in got) if (model.known.has(id)) put(model.known.get(id), got[id]);
    for (const o of filter.options) o.label = o.text + ' (' + lis.filter(shows(o.value)).length + ')';
    if (at >= 0) drawBar();
  }
  /** Set and keep entries {id: entry}; this tab's changes go onto what is stored now. */
  function set(got) {
    Object.assign(mine, got);
    draw(got);
    if (keep.save(JSON.stringify({ v: 1, p: { ...keep.now(), ...mine } }))) mine = {};
    render();
  }
  const change = (k, f) => {  // of the current paper: k 0 its label, 1 its note, 2 its read mark
    if (at < 0) return;
    const e = entryOf(lis[at]);
    e[k] = f(e[k]);
    set({ [model.ids[at]]: e });
  };
  const setLabel = k => change(0, x => x === k ? '' : k), toggleRead = () => change(2, x => 1 - x);  // the same label again takes it off

  function drawBar() {
    const e = entryOf(lis[at]);
    all('button', bar).forEach(b => b.setAttribute('aria-pressed', b.dataset.value ? e[0] === b.dataset.value : !!e[2]));
    if (document.activeElement !== note) note.value = e[1];
  }
  // The current paper keeps its place on the screen.
  function place() {
    const li = lis[at], top = li.getBoundingClientRect().top, body = li.lastElementChild;
    if (bar.parentNode !== body) body.append(bar);  // (moving it takes the focus out of it)
    bar.hidden = false;
    scrollBy(0, li.getBoundingClientRect().top - top);
    drawBar();
  }
  addEventListener('pointerdown', () => { held = 1; }, true);
  addEventListener('pointerup', () => {
    held = 0;
    if (at >= 0) setTimeout(place);
  }, true);
  note.onchange = () => change(1, () => note.value.trim());
  note.onkeydown = e => {
    if (/^(Escape|Enter)$/.test(e.key)) lis[at].firstElementChild.focus();
  };

  // the filter's values: '' all, a label, ',' none, '|' unread (no label holds , or |)
  const shows = v => li => !v || (v === '|' ? !li.hasAttribute('data-read') : (li.getAttribute('data-label') || ',') === v);
  filter.onchange = () => {
    model.views[filter.value ? 'set' : 'delete']('triage', i => shows(filter.value)(lis[i]));
    render();
  };
  // labels in their order, then any other (a list's own), then none
  sorts.set('label', () => orderBy(lis.map(li => labels.indexOf(li.getAttribute('data-label')) + 1 || (li.hasAttribute('data-label') ? 98 : 99))));

  /** Bring in entries {id: entry} (a file's, a share link's): labels and notes where the
      reader has none, with read the read marks too (a file's are the reader's own, a
      sharer's are not); give what undoes it, or null when nothing changed. */
  function bring(got, read) {
    const was = {}, now = {};
    for (const id in got) {
      const m = model.known.has(id) && entryOf(lis[model.known.get(id)]), o = got[id], e = m && [m[0] || o[0], m[1] || o[1], m[2] | read && o[2]];
      if (m && e.join('\n') !== m.join('\n')) {
        was[id] = m;
        now[id] = e;
      }
    }
    set(now);
    return Object.keys(now).length ? () => set(was) : null;
  }

  /** Read a share link's triage (hash) and show it on the cards, as who's. */
  function open(hash, who) {
    const p = new URLSearchParams(hash.slice(1)), of = id => theirs[id] ||= ['', '', 0];
    const each = (k, f) => {
      const g = p.get(k) && decodeShare('s=' + p.get(k), list);
      if (g && g.ok) g.ids.forEach(id => f(of(id)));
    };
    theirs = {};
    labels.forEach((k, j) => each('l' + (j + 1), e => { e[0] = k; }));
    each('r', e => { e[2] = 1; });
    try {
      for (const [id, n] of Object.entries(JSON.parse(p.get('nt')))) if (model.known.has(id)) of(id)[1] = one(n);
    } catch { /* none, or damaged: the picks and labels still open */ }
    lis.forEach((li, i) => {
      const e = theirs[model.ids[i]];
      attr(li.querySelector('.meta'), 'data-o', e && who + ': ' + marks(e));
    });
  }

  draw(keep.load());
  if (keep.aside) set({});  // the unreadable data is set aside: start afresh

  return {
    /** Paper i is the current one: the bar goes into it, once no button is held (moving it
        under a click would move what is clicked). */
    at(i) {
      at = i;
      if (!held) place();
    },
    /** Whether any paper has a label, a note or a read mark (a query of one attribute is
        several times faster than of three: 12 against 47 ms at 30k, on every CSV). */
    any: () => lis.some(li => li.matches('[data-label],[data-read]')) || $('list').querySelector('[data-note]'),
    keys: {
      ...Object.fromEntries(labels.map((k, j) => [j + 1, () => setLabel(k)])),
      0: () => setLabel(''),
      r: toggleRead,
      n: () => at >= 0 && note.focus(),
    },
    actions: {
      label: b => setLabel(b.dataset.value),
      read: toggleRead,
    },
    bring: got => bring(got, 1),
    share: {
      /** What a share link adds: "&l1=".."&l9=" the papers of each label and "&r=" the read ones,
          each coded as a link's picks are (codec.js: any version of the list reads them), then
          with notes "&nt=" them as JSON {id: note}. */
      tail(notes) {
        const es = lis.map(entryOf), code = (k, f) => {
          const picks = model.ids.filter((id, i) => f(es[i]));
          return picks.length ? '&' + k + '=' + encodeShare({ ...list, picks }).fragment.slice(2) : '';
        };
        return labels.map((k, j) => code('l' + (j + 1), e => e[0] === k)).join('') + code('r', e => e[2]) +
          (notes ? '&nt=' + encodeURIComponent(JSON.stringify(Object.fromEntries(es.map((e, i) => [model.ids[i], e[1]]).filter(x => x[1])))) : '');
      },
      open,
      close: () => open('', ''),
      /** Take the sharer's labels and notes where the reader has none; the undo. */
      merge: () => bring(theirs),
    },
    /** Another tab kept triage (a storage event): take it in, with what this tab could not keep. */
    follow(e) {
      if (e.key !== keep.key) return;
      draw({ ...parse(e.newValue), ...mine });
      render();
    },
  };
}
