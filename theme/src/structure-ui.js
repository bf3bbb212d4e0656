/* The list's own structure on the page: sections (counts, fold, tick all), facets, sorts,
   why a paper matched, the compact view, and the toolbar's menus. */

import { $, all, el } from './dom.js';
import { shown } from './card.js';
import { orderBy, passage, passes, readFacets } from './facets.js';
import { byVotes } from './team.js';

/** Set the structure up; give its actions, keys, and what main.js asks of it. */
export function setupStructure({ model, view, lis, listEl, data, t, params, render, changed, bulk }) {
  const ids = model.ids, body = document.body, doc = document.documentElement, has = i => model.ticked.has(ids[i]);
  const every = ids.map((_, i) => i), choose = (b, on) => b.setAttribute('aria-pressed', on);
  const press = (action, on) => all('[data-action=' + action + ']').forEach(b => choose(b, on));
  const redraw = () => {
    render();
    changed();
  };

  // --- sections: each paper's sections, outer to inner, by their index in document order ----
  const secs = all('[data-section]', listEl), at = s => secs.indexOf(s);
  const counts = secs.map(s => s.querySelector('.sec-n')), drawn = [];
  const chain = lis.map(li => {
    const c = [];
    for (let s = li.closest('[data-section]'); s; s = s.parentElement.closest('[data-section]')) c.unshift(at(s));
    return c;
  });
  const tally = list => {
    const c = secs.map(() => 0);
    list.forEach(i => chain[i].forEach(s => { c[s]++; }));
    return c;
  };
  const total = tally(every);

  function drawSections() {
    const ticked = tally(every.filter(has)), showing = tally(view.shown);
    secs.forEach((sec, s) => {
      const text = (view.shown.length < ids.length ? t('shown', { n: showing[s] }) + ' · ' : '') + t('count', { t: ticked[s], n: total[s] });
      if (drawn[s] !== text) {
        counts[s].firstChild.data = drawn[s] = text;  // its text, not a new node: a node put in costs a walk of the page
        sec.classList.toggle('out', !showing[s]);
      }
    });
  }

  // --- facets: values of one facet are alternatives, facets all apply; the pressed buttons
  // are the choice, kept in the address as ?f=Field:Value
  const facets = readFacets(data.facets || [], data.codes), buttons = all('[data-facet]');
  const kv = facets.flatMap((f, k) => f.values.map((_, v) => [k, v]));  // buttons come in this order
  const pressed = b => b.getAttribute('aria-pressed') === 'true';
  const fkey = b => b.dataset.facet + ':' + b.dataset.value;
  function setFacets() {
    const sel = facets.map(() => new Set()), on = buttons.filter(pressed);
    buttons.forEach((b, j) => { if (pressed(b)) sel[kv[j][0]].add(kv[j][1]); });
    model.views[on.length ? 'set' : 'delete']('facets', i => passes(facets, sel, i));
    if (facets.length) $('nf').textContent = on.length ? ' (' + on.length + ')' : '';
  }

  // --- sorts: each gives the order to lay the papers out in, or null for the list's own ------
  const sorts = new Map([
    ['list', () => null],
    ['title', () => orderBy(lis.map(li => shown(li, 'title')), (a, b) => a.localeCompare(b, doc.lang, { numeric: true }))],
    ['year', () => orderBy(lis.map(li => -shown(li, 'year') || 0))],
    ['ticked', () => orderBy(every.map(i => !has(i)))],
    // best match: more of the search's words in the title first (every match has them all)
    ['relevance', () => model.match && orderBy(model.match.map(i => -model.words.filter(w => shown(lis[i], 'title').toLowerCase().includes(w)).length))
      .map(k => model.match[k])],
    // most votes first while the team's tally is open (team-ui.js sets model.tally)
    ['votes', () => model.tally && byVotes(ids, model.tally)],
  ]);
  const home = lis.map(li => li.parentNode), select = $('sort'), box = el('div', { class: 'sortbox' });
  let sortBy = params.get('sort') || 'list', sortJob = 0;  // checked once every module gave its sorts

  /** Lay the papers out in the chosen order, in chunks of their own, sections set aside
      (papers out of the order are out of view). */
  function arrange() {
    if (!sorts.has(sortBy)) sortBy = 'list';
    const order = sorts.get(sortBy)();
    if (order) {
      box.replaceChildren();
      for (let k = 0; k < order.length; k += 100) box.append(el('ol', { class: 'chunk far' }));
      order.forEach((i, k) => box.children[k / 100 | 0].append(lis[i]));
      listEl.append(box);
    } else if (view.order) lis.forEach((li, i) => home[i].append(li));
    body.classList.toggle('sorted', !!order);
    view.order = order;
    view.rechunk();
    select.value = sortBy;
  }

  // --- why it matched: a passage under the title when what is shown does not say -------------
  let compact = params.get('view') === 'compact', open = false;
  view.why = (i, was) => {
    const li = lis[i], d = li.querySelector('details');
    const w = model.words.find(w => !(shown(li, 'title') + (compact ? '' : shown(li, 'fields'))).toLowerCase().includes(w));
    const text = w && !(d?.open && !compact) &&
      passage([shown(li, 'abstract'), shown(li, 'fields'), model.hays[i]].find(s => s.toLowerCase().includes(w)), w);
    if (was?.textContent !== text) {  // a passage put in costs, even one taken out at once
      was?.remove();
      if (text) li.querySelector('.title').after(el('p', { class: 'why' }, text));
    }
  };
  const setCompact = on => {
    body.classList.toggle('compact', compact = on);
    press('compact', on);
  };

  // --- the toolbar's menus (popovers) close on a choice; focus stays clear of the bar, whose
  // height scroll-padding-top follows
  document.addEventListener('click', e => {
    const menu = e.target.closest('[popover]');
    if (menu && e.target.closest('a, [data-action]:not([data-facet])')) menu.hidePopover();
  });
  const bar = $('toolbar');
  new ResizeObserver(() => { doc.style.scrollPaddingTop = bar.offsetHeight + 8 + 'px'; }).observe(bar);

  const actions = {
    fold: b => b.setAttribute('aria-expanded', !b.closest('[data-section]').classList.toggle('folded')),
    'tick-section': b => bulk(i => chain[i].includes(at(b.closest('[data-section]')))),
    facet: b => {
      choose(b, !pressed(b));
      setFacets();
      redraw();
    },
    'clear-facets': () => {
      buttons.forEach(b => choose(b, false));
      setFacets();
      redraw();
    },
    compact: () => {
      setCompact(!compact);
      redraw();
    },
    abstracts: () => {
      press('abstracts', open = !open);
      for (const d of listEl.getElementsByTagName('details')) d.open = open;
      render();
    },
  };

  select.addEventListener('change', () => {
    sortBy = select.value;
    arrange();
    redraw();
  });
  buttons.forEach(b => choose(b, params.getAll('f').includes(fkey(b))));
  setFacets();
  setCompact(compact);
  return {
    actions,
    keys: { a: actions.abstracts, c: actions.compact },
    /** The headings a paper sits under, outer to inner, wherever a sort has moved it. */
    sectionOf: i => chain[i].map(s => secs[s].getAttribute('data-section')),
    /** Draw the counts of the sections. */
    draw: () => {
      if (secs.length) drawSections();
    },
    /** The search changed: a best-match order follows it, soon (moving papers costs). */
    searched: () => {
      clearTimeout(sortJob);
      if (sortBy === 'relevance') sortJob = setTimeout(() => {
        arrange();
        render();
      }, 250);
    },
    /** What the address keeps of the structure: [key, value or values]. */
    params: () => [['f', buttons.filter(pressed).map(fkey)], ['sort', sortBy !== 'list' && sortBy], ['view', compact && 'compact']],
    /** The orders: name -> () => paper indexes (null: the list's own). Another order is one
        more entry here and an <option> of #sort; arrange() lays the papers out again. */
    sorts,
    arrange,
    /** Lay the papers out in the address's order, once every module gave its sorts. */
    start: () => sortBy !== 'list' && arrange(),
  };
}
