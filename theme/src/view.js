/* The list view: draws the model onto the server-rendered cards, touching only what changed. */

import { $, all, button, el, textEl } from './dom.js';
import { spans } from './search.js';

export function createView({ model, lis, listEl, ticked0, t }) {
  const n = lis.length, ids = model.ids;
  const drawnOn = ticked0.slice();  // as the server drew them
  const drawnShown = lis.map(() => true);
  const showButtons = all('[data-action^="show-"]');
  let drawnNotices = '', gone = 0, hlJob = 0, chunks, chunkOf, drawnChunk;
  const whys = new Map();  // paper -> the passage (.why) the marks wrote into it
  const v = {
    shown: [],       // indexes shown now, in the order shown
    order: null,     // the order papers are laid out in (indexes), null for list order
    // why(i), set by structure-ui.js, adds to paper i a passage (.why) that shows what the highlight marks
  };

  /** Find the chunks the papers are in (<ol class="chunk">: layout skips whole chunks off
      screen); again after papers move (fresh: draw every chunk again). */
  v.rechunk = fresh => {
    chunks = [...listEl.getElementsByClassName('chunk')];
    const at = new Map(chunks.map((c, k) => [c, k]));
    chunkOf = lis.map(li => at.get(li.parentNode));
    drawnChunk = chunks.map(c => fresh ? -1 : c.children.length);
  };
  v.rechunk(1);  // stand-in sizes for the chunks off screen: 7rem a paper

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
    const perChunk = chunks.map(() => 0);
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
    perChunk.forEach((k, c) => {
      if (drawnChunk[c] === k) return;
      drawnChunk[c] = k;
      chunks[c].classList.toggle('out', !k);
      chunks[c].style.containIntrinsicBlockSize = k * 7 + 'rem';
    });
    return ticked;
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

  /** Mark the search words in the first papers shown with the Highlight API, and say why each
      matched: the first screen's papers at once, the rest a moment later, together (each change
      of the marks costs a walk of them all). A passage written again as it was stays: adding or
      taking out elements anywhere cost Chromium a walk of the whole page at its next frame. */
  function highlight() {
    clearTimeout(hlJob);
    if (!window.Highlight) return;  // and with it CSS.highlights
    const h = new Highlight(), ws = model.words, seen = new Set(), todo = ws.length ? v.shown.slice(0, 600) : [];
    const mark = l => l.forEach(i => {
      const c = lis[i].getElementsByClassName('why'), n = c.length, was = whys.get(i);
      v.why(i);  // puts a passage first, if the paper needs one
      (c.length > n && was?.textContent === c[0].textContent ? c[0] : was)?.remove();
      c[0] ? whys.set(i, c[0]) : whys.delete(i);
      seen.add(i);
      const walk = document.createTreeWalker(lis[i].lastElementChild, NodeFilter.SHOW_TEXT);
      for (let node; (node = walk.nextNode());) {
        spans(node.data, ws).forEach(s => {
          // static: a live Range would slow every later change of the page
          h.add(new StaticRange({ startContainer: node, startOffset: s[0], endContainer: node, endOffset: s[1] }));
        });
      }
    });
    mark(todo.slice(0, 40));
    CSS.highlights.set('pp', h);
    hlJob = setTimeout(() => {
      mark(todo.slice(40));
      whys.forEach((p, i) => { if (!seen.has(i)) p.remove(), whys.delete(i); });
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
