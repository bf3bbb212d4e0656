/* The list view: draws the model onto the server-rendered cards, touching only what changed. */

import { $, all, el, textSpan } from './dom.js';
import { spans } from './search.js';

export function createView({ model, lis, listEl, ticked0, t }) {
  const n = lis.length, ids = model.ids;
  const drawnOn = ticked0.slice();  // as the server drew them
  const drawnShown = lis.map(() => true);
  // The page keeps the ticks: the session history need not keep each box (1 s after any change
  // of a form control, the search's too, Chromium wrote down every box kept: 35 ms at 10k).
  setTimeout(() => lis.forEach(li => { li.firstElementChild.autocomplete = 'off'; }), 500);
  const showButtons = all('[data-action^="show-"]');
  let drawnNotices = '', gone = 0, hlJob = 0, chunks, chunkOf, drawnChunk, perChunk, skipped, gen = 0;
  const whys = new Map();  // paper -> the passage (.why) the marks wrote into it, if any
  const at = [];  // paper -> the drawing (gen) its marks were made in
  const h = window.Highlight && new Highlight();  // the search's marks
  if (h) CSS.highlights.set('pp', h);
  const v = {
    shown: [],       // indexes shown now, in the order shown
    // order: the order papers are laid out in (indexes), none for list order (structure-ui.js)
    // why(i, its passage), set by structure-ui.js, gives paper i the passage (.why) that shows what the highlight marks
  };

  /** Find the chunks the papers are in (<ol class="chunk">: layout skips whole chunks off
      screen), again after papers move, and draw them all at the next drawing. Chunks far
      down are skipped until the browser says otherwise. */
  v.rechunk = () => {
    chunks = [...listEl.getElementsByClassName('chunk')];
    chunkOf = lis.map(li => chunks.indexOf(li.parentNode));  // ~1 ms at 10k
    drawnChunk = [];
    skipped = new Set(listEl.getElementsByClassName('far'));
  };
  v.rechunk();  // stand-in sizes for the chunks off screen: 7rem a paper
  // a chunk that comes on screen gets the marks of the search it missed while it was skipped
  listEl.addEventListener('contentvisibilityautostatechange', e => {
    skipped[e.skipped ? 'add' : 'delete'](e.target);
    markOnScreen();
  });

  function sayMissing() {  // said again only when the number changes: a dismissal holds
    const lost = model.missing();
    if (lost.length === gone) return;
    gone = lost.length;
    model.notice('missing', gone ? t('missing', { n: gone, ids: lost.slice(0, 3).join(', ') + (gone > 3 ? '…' : '') }) : '',
      [['forget-missing', t('forget')]]);
  }

  function drawPaper(i, on, show) {
    if (drawnOn[i] !== on) {
      drawnOn[i] = on;
      lis[i].firstElementChild.checked = on;
      lis[i].classList.toggle('on', on);
    }
    if (drawnShown[i] !== show) {
      drawnShown[i] = show;
      lis[i].classList.toggle('out', !show); // a class: far cheaper to restyle than [hidden]
    }
  }

  function drawPapers() {
    let matchSet, ticked = 0;
    perChunk = chunks.map(() => 0);
    if (model.match) {
      matchSet = new Uint8Array(n);
      model.match.forEach(i => { matchSet[i] = 1; });
    }
    v.shown = [];
    for (let i = 0; i < n; i++) {
      const on = model.ticked.has(ids[i]), show = model.shows(i, on, matchSet);
      if (on) ticked++;
      if (show) {
        v.shown.push(i);
        perChunk[chunkOf[i]]++;
      }
      drawPaper(i, on, show);
    }
    if (v.order) v.shown = v.order.filter(i => drawnShown[i]);
    sizeChunks(1);
    return ticked;
  }

  /** Size the chunks off screen for the papers they show (an empty one leaves: a chunk keeps
      the size it was last seen at). Each chunk restyled costs ~0.07 ms (12 ms on the first
      keys at 10k): in the key's own frame only those that come back (their papers show), and
      a size near the count is kept, their difference under a third of the mean (the square
      under a ninth of their product): half the chunks restyled as a word is typed, and the
      key's deferred CPU 25-28 -> 10-14 ms (90th percentile, 10k). */
  function sizeChunks(back) {
    perChunk.forEach((k, c) => {
      const d = drawnChunk[c];
      if (back ? d : (d - k) ** 2 * 9 < d * k) return;
      drawnChunk[c] = k;
      chunks[c].classList.toggle('out', !k);
      chunks[c].style.containIntrinsicHeight = k * 7 + 'rem';
    });
  }

  function drawCount(ticked) {
    const parts = [t('count', { t: ticked, n })];
    if (v.shown.length !== n && (model.filter !== 'all' || model.views.size)) parts.unshift(t('shown', { n: v.shown.length }));
    if (model.words.length) parts.unshift(t('matches', { n: model.match.length }));
    $('count').firstChild.data = parts.join(' · ');  // its text, not a new node: a node put in costs a walk of the page
    showButtons.forEach(b => b.setAttribute('aria-pressed', b.getAttribute('data-action') === 'show-' + model.filter));
  }

  function drawNotices() {
    if (drawnNotices === (drawnNotices = JSON.stringify(model.notices.list))) return;
    $('notices').replaceChildren(...model.notices.list.map(x => {
      const box = el('p', { class: 'notice' });
      box.append(textSpan(x.text), ...x.acts.concat([['dismiss', t('dismiss')]])
        .map(([action, label]) => el('button', { type: 'button', 'data-action': action, 'data-notice': x.key }, label)));
      return box;
    }));
  }

  /** Mark the search words with the Highlight API in papers i, and say why each matched. A
      passage that says what it said stays: adding or taking out elements anywhere cost
      Chromium a walk of the whole page at its next frame. */
  function mark(l) {
    const ws = model.words;
    if (h && ws.length) l.forEach(i => {
      const c = lis[i].getElementsByClassName('why');
      v.why(i, c[0]);  // writes the passage the paper needs now, if not the one it has
      whys.set(i, c[0]);
      at[i] = gen;
      const walk = document.createTreeWalker(lis[i].lastElementChild, 4);  // NodeFilter.SHOW_TEXT
      for (let node; (node = walk.nextNode());) {
        spans(node.data, ws).forEach(s => {
          // static: a live Range would slow every later change of the page
          h.add(new StaticRange({ startContainer: node, startOffset: s[0], endContainer: node, endOffset: s[1] }));
        });
      }
    });
  }

  /** Mark the papers shown in chunks on screen that this drawing has not marked yet. */
  const markOnScreen = () => mark(v.shown.filter(i => at[i] !== gen && !skipped.has(chunks[chunkOf[i]])));  // not a DOM read per paper: 3 ms

  /** Mark the first papers shown at once, the rest of those on screen a moment later
      (together: each change of the marks costs a walk of them all), those in chunks off
      screen when their chunk comes on; size the chunks. */
  function highlight() {
    clearTimeout(hlJob);
    gen++;
    h?.clear();
    mark(v.shown.slice(0, 40));
    hlJob = setTimeout(() => {
      sizeChunks();
      markOnScreen();
      whys.forEach((p, i) => { if (at[i] !== gen) p?.remove(), whys.delete(i); });
    }, 16);
  }

  v.render = () => {
    sayMissing();
    const ticked = drawPapers();
    document.body.classList.toggle('some', ticked > 0);
    drawCount(ticked);
    drawNotices();
    highlight();
  };

  return v;
}
