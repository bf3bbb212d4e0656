/* The page's one wiring point: read the data, make the model, the views, and listen. */

import { $, relabel } from './dom.js';
import { haystack, linkOf, record } from './card.js';
import { pick, translator } from './strings.js';
import { createModel, createNotices } from './model.js';
import { createSiteStore, markOpened } from './store.js';
import { listTitles, pageLists } from './site.js';
import { siteKey } from './ticks.js';
import { createView } from './view.js';
import { setupKeys } from './keys.js';
import { setupShare } from './share-ui.js';
import { setupTeam } from './team-ui.js';
import { setupStructure } from './structure-ui.js';
import { setupTransfer } from './transfer-ui.js';
import { setupTriage } from './triage-ui.js';

const data = JSON.parse($('paperpick-data').textContent);
const listEl = $('list'), papers = data.papers;
const lis = [...listEl.getElementsByClassName('paper')];
const ids = papers.map(p => p.id);
const lang = pick(data.language, navigator.languages || [navigator.language]);
const t = translator(data.strings, lang, data.keys);
const params = new URLSearchParams(location.search);
const lists = pageLists(data, ids), listOf = listTitles(lists);
const recordOf = i => record(lis[i], papers[i], structure.sectionOf(i), listOf[i]);
/** The writers' records of the papers (onlyTicked: of the picks), made one by one. */
function* each(onlyTicked) {
  for (let i = 0; i < ids.length; i++) if (!onlyTicked || model.ticked.has(ids[i])) yield recordOf(i);
}
const records = onlyTicked => [...each(onlyTicked)];

const notices = createNotices();
// --- kept safe: the time of the last backup (or of the first thing kept, before any) ------------
const backedUp = siteKey(data.site) + ':backup', day = 864e5;
const stamp = () => {
  try {
    localStorage.setItem(backedUp, Date.now());
  } catch { /* full or refused: the store says so */ }
};
const report = (kind, aside) => {
  if (kind === 'corrupt') return notices.say('corrupt', t('corrupt', { k: aside }));
  notices.say('storage', kind === 'ok' ? '' : t(kind), [['download-csv-notice', t('csv')]]);
  // The first time the reader keeps something: ask that the browser never evict it, and say
  // plainly when it may (Safari deletes a site's storage after 7 days unused).
  if (kind === 'ok' && !localStorage.getItem(backedUp)) {
    stamp();
    (async () => navigator.storage.persist())().catch(() => 0).then(ok => {
      if (!ok) {
        model.tell('persist', t('notKept'), [['backup', t('backup')]]);
      }
    });
  }
};
try {  // a gentle reminder when the last backup (or the first pick, with none) is a month old
  const ago = (Date.now() - localStorage.getItem(backedUp)) / day | 0;  // none kept: 20,000 days
  if (ago > 29 && ago < 2e4) notices.say('persist', t('backupOld', { n: ago }), [['backup', t('backup')]]);
} catch { /* no storage: the store says so */ }
const store = createSiteStore({ site: data.site, lists, whole: !data.part }, report);
const render = () => {
  view.render();
  structure.draw();
};
const model = createModel({
  ids, store, notices, hayOf: i => haystack(lis[i], papers[i]), onChange: render,
  query: params.get('q') || '', filter: /^(ticked|unticked)$/.test(params.get('show')) ? params.get('show') : 'all',
});
// On one list of several, the site's picks hold other lists' papers: none is missing.
if (data.part) model.missing = () => [];
markOpened(data.site, data.slug);  // for the index of a site of several lists
const view = createView({ model, lis, listEl, ticked0: papers.map(p => !!p.ticked), t });
const structure = setupStructure({ model, view, lis, listEl, data, t, params, render, changed: () => syncURL(0), bulk: only => bulkShown(true, only) });
// --- language: the page is drawn in one; another needs its marked texts replaced (before the
// triage filter's counts are added to its options' texts) -----------------------------------
relabel(lang, t, '[data-i18n],.paper summary');
const tri = setupTriage({ model, lis, data, report, render, sorts: structure.sorts });
structure.start();

// --- notices and errors: nothing fails unseen ---------------------------------------------
function fail(err) {
  console.error(err);
  model.tell('error', t('error', { m: String(err && err.message || err) }));
}
window.addEventListener('error', e => fail(e.error || e.message));
window.addEventListener('unhandledrejection', e => fail(e.reason));

// --- the address keeps the view: ?q=, ?show=, and the structure's (?f=, ?sort=, ?view=) ----------
let urlJob = 0;
function syncURL(delay) {
  clearTimeout(urlJob);
  urlJob = setTimeout(() => {
    const p = new URLSearchParams(location.search);
    [['q', model.query], ['show', model.filter !== 'all' && model.filter], ...structure.params()].forEach(([k, v]) => {
      p.delete(k);
      [].concat(v || []).forEach(x => p.append(k, x));
    });
    const s = p.toString();
    try {
      history.replaceState(history.state, '', location.pathname + (s ? '?' + s : '') + location.hash);
    } catch { /* some file:// setups refuse; the view still works */ }
  }, delay);
}

// --- the current paper (j/k) -------------------------------------------------------------------
let cur = -1;
function setCur(i, focus) {
  if (lis[cur]) lis[cur].classList.remove('cur');
  cur = i;
  if (i < 0) return;
  lis[i].classList.add('cur');
  tri.at(i);
  if (focus) {
    lis[i].firstElementChild.focus({ preventScroll: true });
    lis[i].scrollIntoView({ block: 'nearest' });
  }
}
function step(dir) {  // over the papers shown, but those of a folded section
  const shown = view.shown.filter(i => i === cur || !lis[i].closest('.folded'));
  const at = shown.indexOf(cur), next = at < 0 ? (dir > 0 ? 0 : shown.length - 1) : at + dir;
  if (next >= 0 && next < shown.length) setCur(shown[next], true);
}

// --- actions: every button's data-action, one dispatcher -------------------------------------------
const shareBox = $('share-box');
const share = setupShare({ model, data, lis, t, box: shareBox, render, triage: tri.share });
const team = setupTeam({ model, data, lis, t, render, records: () => records(), share, report, arrange: structure.arrange });
function bulkShown(on, only = () => 1) {  // only(i): of the papers shown, those to change
  const l = view.shown.filter(only).map(i => ids[i]).filter(id => model.ticked.has(id) !== on);
  model.bulk(t(on ? 'tickedN' : 'untickedN', { n: l.length }), on ? l : [], on ? [] : l, t('undo'));
}
const actions = {
  ...share.actions,
  ...team.actions,
  ...structure.actions,
  ...setupTransfer({
    model, data, records, each, t, takeDrop: team.takeDrop,
    columns: () => data.columns.concat(tri.any() ? data.triCols : []),  // triage's once there is some
    bring: tri.bring,
  }),
  ...tri.actions,
  'tick-matching': () => bulkShown(true),
  'untick-matching': () => bulkShown(false),
  undo: model.undoLast,
  'forget-missing': () => {
    const l = model.missing();
    model.bulk(t('untickedN', { n: l.length }), [], l, t('undo'));
  },
  dismiss: b => {
    model.tell(b.getAttribute('data-notice'), '');
  },
  help: () => $('help').showModal(),  // closed by its form (method="dialog") or Escape
  skip: () => listEl.focus(),  // the skip link's: the focus, not the address, goes to the papers
};
// A backup is the whole list as Markdown with the picks, labels, notes and read marks; Restore
// (Import) brings it back, in this browser or another, merging: nothing is dropped.
actions.backup = () => {
  actions['download-md-all']();
  model.tell('persist', '');
  stamp();
};
actions.restore = actions.import;
['all', 'ticked', 'unticked'].forEach(f => {
  actions['show-' + f] = () => {
    model.filter = f;
    render();
    syncURL(0);
  };
});

document.addEventListener('click', e => {
  const b = e.target.closest('[data-action]'), act = b && actions[b.getAttribute('data-action')];
  if (act) {
    e.preventDefault();
    act(b, e);
  }
});

const indexOf = e => model.known.get(e.closest('.paper').dataset.paperId);
listEl.addEventListener('change', e => {
  if (e.target.type === 'checkbox') model.setTicks([ids[indexOf(e.target)]], e.target.checked);
});
// a paper focused, clicked or tapped is the current one
['focusin', 'click'].forEach(k => listEl.addEventListener(k, e => {
  if (e.target.closest('.paper') && !e.target.closest('.cur')) setCur(indexOf(e.target), false);
}));

const q = $('q');
q.value = model.query;
q.addEventListener('input', () => {
  model.search(q.value);
  structure.searched();
  render();
  syncURL(800); // changing the URL restyles every link: not on every key
});

// Ticks and triage follow other tabs of the same site.
window.addEventListener('storage', e => {
  if (e.key === store.key) model.follow(e.newValue);
  tri.follow(e);
});

setupKeys({
  search: q,
  keys: {
    j: () => step(1),
    k: () => step(-1),
    x: () => { if (cur >= 0) model.setTicks([ids[cur]], !model.ticked.has(ids[cur])); },
    o: () => { if (cur >= 0 && linkOf(lis[cur])) window.open(linkOf(lis[cur]), '_blank', 'noopener'); },
    '?': actions.help,
    ...tri.keys,
    ...structure.keys,
  },
});


if (model.query) model.search(model.query);
if (model.query) structure.searched();
render();
setTimeout(function idle() {
  if (model.buildHays(2000)) setTimeout(idle, 0);
}, 200);
// A share or team link: opened now, and when one is pasted into the address of the open page.
const openLinks = () => {
  share.open();
  team.open();
};
window.addEventListener('hashchange', openLinks);
openLinks();

// One read-only handle for debugging and tests: the records the downloads are made of.
window.paperpick = Object.freeze({ papers, record: recordOf });
