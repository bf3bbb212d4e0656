/* Sharing: make a link that carries the picks, and open one (view, merge or replace). */

import { $, all, copyOf, copyText, el, pageURL, textSpan } from './dom.js';
import { isolate } from './strings.js';
import { decodeShare, encodeShare, stripShare } from './codec.js';

/** Drop the share and team parameters from the address (after a choice, so that a reload
    does not ask again); some file:// setups refuse replaceState. */
export function dropShare() {
  const rest = stripShare(location.hash);
  try {
    history.replaceState(history.state, '', location.pathname + location.search + rest);
  } catch {
    location.hash = rest;
  }
}

/** Set the share panel and the shared view up in box; give their actions. */
export function setupShare({ model, data, lis, t, box, render, triage }) {
  const ids = model.ids;
  let shared = null, got = null, view = 'all', panel = null;
  const link = $('sl'), field = what => link.querySelector('[data-share-' + what + ']');

  // --- make a link ----------------------------------------------------------------------
  // The picks are what is shared, not this reader's search or view: no ?q= or &show=; on
  // one list of several, this list's (the site's picks hold other lists' papers too).
  const shareLink = () => pageURL(data) + encodeShare({
    ids, fingerprint: data.fingerprint, picks: data.part ? model.mine() : [...model.ticked], name: field('name').value,
  }).fragment + triage.tail(field('notes').checked);  // labels and read marks; notes only when asked

  // The panel (list.html's #sl): the name comes first, the link is copied once it
  // is typed (Copy), and shown whole.
  function update() {  // the link, and its length: chat apps and mail may cut a long one
    field('length').textContent = t('chars', { n: (link.lastChild.textContent = field('link').value = shareLink()).length });
    field('status').textContent = '';
  }

  function copyShare() {
    const say = text => () => {
      field('status').textContent = text + (data.url || !/^file:|\/\/(localhost|127\.)/.test(location.href) ? '' : ' ' + t('local'));
    };
    copyText(field('link').value).then(say(t('copied')), say(t('copyNo')));
  }

  // --- open a link ----------------------------------------------------------------------
  function viewFilter(i) {  // one of the model's views only while a shared view is chosen
    const s = shared.has(ids[i]), m = model.ticked.has(ids[i]);
    return view === 'shared' ? s : view === 'mine' ? m : s && m;
  }

  function drawPanel() {
    const mine = model.mine();
    let text = (got.name ? t('sharedBy', { who: isolate(got.name) }) : t('sharedAnon')) + t('sharedInfo', { s: shared.size, m: mine.length, b: mine.filter(id => shared.has(id)).length });
    if (got.unmatched + got.ambiguous) text += ' ' + t('unmatched', { n: got.unmatched + got.ambiguous });
    panel = copyOf('sp').firstChild;  // list.html's
    panel.prepend(textSpan(text));
    all('[aria-pressed]', panel).forEach(b => b.setAttribute('aria-pressed', b.getAttribute('data-action') === 'view-' + view));
    panel.querySelector('input').value = got.name;
    box.prepend(panel);
  }

  function setView(v) {
    view = v;
    if (v === 'all') model.views.delete('shared');
    else model.views.set('shared', viewFilter);
    panel = panel?.remove();
    if (shared) drawPanel();
    render();
  }

  function mark() {  // a "Shared" badge in the meta line of each shared paper
    lis.forEach((li, i) => {
      const on = !!shared && shared.has(ids[i]);
      li.classList.toggle('shared', on);
      li.querySelector('.sb')?.remove();
      if (on) li.querySelector('.meta').append(el('span', { class: 'sb' }, t('vShared')));
    });
  }

  function closeShared() {
    shared = null;
    triage.close();
    mark();
    dropShare();
    setView('all');
  }

  function openShared() {
    const g = decodeShare(location.hash, { ids, fingerprint: data.fingerprint });
    if (!g) return;
    if (!g.ok || (!g.ids.length && g.total && !g.sameList)) {
      dropShare();
      return model.tell('share-bad', t(g.ok ? 'foreign' : 'bad'));
    }
    shared = new Set((got = g).ids);
    triage.open(location.hash, g.name || t('vShared'));
    mark();
    setView(view);
  }

  /** Tick the shared picks (replace: and untick mine of this list that are not; those
      outside it stay), undoably; close the link. */
  function take(replace) {
    // merging takes the sharer's labels and notes too, where the reader has none
    const s = shared, add = [...s].filter(id => !model.ticked.has(id)), also = !replace && triage.merge();
    closeShared();
    model.bulk(t(replace ? 'replaced' : 'merged', { n: replace ? s.size : add.length }), add,
      replace ? model.mine().filter(id => !s.has(id)) : [], t('undo'), also);
  }

  const actions = {
    share: () => {
      if (link.hidden) field('name').value = '';  // a new panel, as when first opened
      link.hidden = false;
      update();
      field('name').focus();
    },
    'copy-share': copyShare,
    'close-share': () => { link.hidden = true; },
    'dismiss-shared': closeShared,
    'merge-shared': () => take(0),
    'replace-with-shared': () => take(1),
  };
  ['all', 'shared', 'mine', 'both'].forEach(v => { actions['view-' + v] = () => setView(v); });
  link.addEventListener('input', update);
  /** The open shared link's picks ({name, ids, unmatched, ambiguous}), for a ballot. */
  const current = () => got;
  return { actions, open: openShared, current, close: closeShared };
}
