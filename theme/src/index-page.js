/* The index of a site of several lists: per list, how many papers this browser has ticked
   (the site's picks, ticks.js) and when its page was last opened; live across tabs. */

import { $, all, el, relabel } from './dom.js';
import { pick, translator } from './strings.js';
import { createSiteStore, openedAt } from './store.js';
import { ago } from './site.js';

const data = JSON.parse($('paperpick-data').textContent);
const lang = pick(data.language, navigator.languages || [navigator.language]);
const t = translator(data.strings, lang);
const split = s => s ? s.split(' ') : [];
const lists = data.lists.map(([slug, ids, x]) => ({ slug, ids: split(ids), x: split(x) }));
// Faults are said once each; 'ok' (a later save that worked) takes nothing back.
const report = (kind, aside) => kind === 'ok' || $('notices').append(el('p', { class: 'notice' }, t(kind, { k: aside })));
const store = createSiteStore({ site: data.site, lists, whole: true }, report);
let ticks = store.load();

function draw() {
  const on = new Set(ticks), seen = openedAt(data.site), count = {}, every = new Set();
  lists.forEach(l => {
    const mine = l.ids.filter(id => on.has(id));
    mine.forEach(id => every.add(id));
    count[l.slug] = mine.length;
  });
  count[data.all] = every.size;  // the page of all lists: each paper once
  all('[data-list]').forEach(row => {
    const slug = row.getAttribute('data-list');
    row.querySelector('[data-ticked]').textContent = count[slug];
    row.querySelector('[data-opened]').textContent = seen[slug] ? ago(seen[slug], Date.now(), lang) : t('never');
  });
}

window.addEventListener('storage', e => {
  const got = e.key === store.key && store.follow(e.newValue, ticks);
  if (got) ticks = got;
  draw();
});
relabel(lang, t);
draw();
