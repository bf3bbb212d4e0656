/* The list view: draws the model onto the server-rendered cards, touching only what changed. */

import { $, all, button, el, textEl } from './dom.js';
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
  const whys = new Map();  // paper -> the passage (.why) the marks wrote into it
  const at = [];  // paper -> the drawing (gen) its marks were made in
  const h = window.Highlight && new Highlight();  // the search's marks, kept in CSS.highlights
  const v = {
    shown: [],       // indexes shown now, in the order shown
    order: null,     // the order papers are laid out in (indexes), null for list order
    // why(i), set by structure-ui.js, adds to paper i a passage (.why) that shows what the highlight marks
  };

  /** Find the chunks the papers are in (<ol class="chunk">: layout skips whole chunks off
      screen); again after papers move (fresh: draw every chunk again). Chunks far down are
      skipped until the browser says otherwise. */
  v.rechunk = fresh => {
    chunks = [...listEl.getElementsByClassName('chunk')];
    const at = new Map(chunks.map((c, k) => [c, k]));
    chunkOf = lis.map(li => at.get(li.parentNode));
    drawnChunk = chunks.map(c => fresh ? -1 : c.children.length);
    skipped = new Set(chunks.filter(c => c.classList.contains('far')));
  };
  v.rechunk(1);  // stand-in sizes for the chunks off screen: 7rem a paper
  // a chunk that comes on screen gets the marks of the search it missed while it was skipped
  listEl.addEventListener('contentvisibilityautostatechange', e => {
    skipped[e.skipped ? 'add' : 'delete'](e.target);
    if (!e.skipped) mark(v.shown.filter(i => chunks[chunkOf[i]] === e.target && at[i] !== gen));
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
    let matchSet = null, ticked = 0;
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
      the size it was last seen at). Each chunk restyled costs ~0.07 ms: in the key's own frame
      only those that come back (their papers show), and none for a change of a quarter or
      less (the stand-in is a guess anyway). */
  function sizeChunks(back) {
    perChunk.forEach((k, c) => {
      const d = drawnChunk[c];
      if (d === k || k && Math.abs(d - k) * 4 < d || back && d) return;
      drawnChunk[c] = k;
      chunks[c].classList.toggle('out', !k);
      chunks[c].style.containIntrinsicBlockSize = k * 7 + 'rem';
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
    const sig = JSON.stringify(model.notices.list);
    if (sig === drawnNotices) return;
    drawnNotices = sig;
    $('notices').replaceChildren(...model.notices.list.map(x => {
      const box = el('p', { class: 'notice' });
      box.append(textEl('span', {}, x.text), ...x.acts.concat([['dismiss', t('dismiss')]])
        .map(a => button(a[0], a[1], { 'data-notice': x.key })));
      return box;
    }));
  }

  /** Mark the search words with the Highlight API in papers i, and say why each matched. A
      passage written again as it was stays: adding or taking out elements anywhere cost
      Chromium a walk of the whole page at its next frame. */
  function mark(l) {
    const ws = model.words;
    if (h && ws.length) l.forEach(i => {
      const c = lis[i].getElementsByClassName('why'), n = c.length, was = whys.get(i);
      v.why(i);  // puts a passage first, if the paper needs one
      (c.length > n && was?.textContent === c[0].textContent ? c[0] : was)?.remove();
      c[0] ? whys.set(i, c[0]) : whys.delete(i);
      at[i] = gen;
      const walk = document.createTreeWalker(lis[i].lastElementChild, NodeFilter.SHOW_TEXT);
      for (let node; (node = walk.nextNode());) {
        spans(node.data, ws).forEach(s => {
          // static: a live Range would slow every later change of the page
          h.add(new StaticRange({ startContainer: node, startOffset: s[0], endContainer: node, endOffset: s[1] }));
        });
      }
    });
  }

  /** Mark the first papers shown at once, the rest of those on screen a moment later
      (together: each change of the marks costs a walk of them all), those in chunks off
      screen when their chunk comes on; size the chunks. */
  function highlight() {
    clearTimeout(hlJob);
    gen++;
    h?.clear();
    mark(v.shown.slice(0, 40));
    if (h) CSS.highlights.set('pp', h);
    hlJob = setTimeout(() => {
      sizeChunks();
      mark(v.shown.filter(i => at[i] !== gen && !skipped.has(chunks[chunkOf[i]])));
      whys.forEach((p, i) => { if (at[i] !== gen) p.remove(), whys.delete(i); });
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
