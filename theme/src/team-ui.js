/* Team picks: ballots kept per list, the tally on the cards and in a ranked table, the
   plan (presenter, date), the team link, and the agenda's downloads and handout. */

import { $, copyOf, copyText, download, el, filePicker, pageURL } from './dom.js';
import { createKeep } from './keep.js';
import { cleanName, decodeTeam, encodeTeam } from './codec.js';
import { dropShare } from './share-ui.js';
import { importPicks } from './importer.js';
import { isolate } from './strings.js';
import { addBallot, agendaIcs, agendaMarkdown, byVotes, parseTeam, planned, serializeTeam, tally, tallyRows, teamKey } from './team.js';
import { csvRows } from './writers.js';

// Names and anything else from a link or a file are untrusted: shown as text, in <bdi>.
const stamp = () => new Date().toISOString().replace(/[-:]|\.\d+/g, '');

export function setupTeam({ model, data, lis, t, render, records, share, report, arrange }) {
  const ids = model.ids, keep = createKeep(teamKey(data.lists ? data.site + ':all' : data.slug), parseTeam, report);  // the page of all lists: its site's
  const panel = $('team'), sort = $('sort');
  let kept = keep.load() || { ballots: [], plan: {} }, link = null, open = false;
  let votes = new Map(), filter = { k: 0, by: '' }, lastUndo = null;
  const team = () => link || kept;

  /** Keep a new team state (the link's while one is open). An edit in the panel itself
      saves only: it redraws nothing, so the field being typed in stays. */
  function save(next) {
    if (link) link = next; else keep.save(serializeTeam(kept = next));
  }
  /** Save, say text, offer undo, draw. */
  function store(next, text, undo) {
    save(next);
    lastUndo = undo;  // undo-team shows only while it is there
    model.notice('team', text, undo ? [['undo-team', t('undo')]] : []);
    draw();
  }

  // --- the tally on the cards -------------------------------------------------------------
  function pred(i) {
    const who = votes.get(ids[i]) || [];
    return filter.by === ' ' ? !who.length : filter.by ? who.includes(filter.by) : who.length >= filter.k;
  }
  function mark() {
    lis.forEach((li, i) => {
      const who = open && votes.get(ids[i]);
      li.querySelector('.votes')?.remove();
      if (!open) return li.removeAttribute('data-votes');
      li.setAttribute('data-votes', who ? who.length : 0);
      if (who) li.querySelector('.title').after(el('p', { class: 'votes' }, t('votesBy', { n: who.length, who: who.join(', ') })));
    });
  }

  // --- the panel (theme/team.html): ballots, names, the ranked table with the plan ---------------
  // rows of team.html's templates
  function ballotRow(b) {
    const li = copyOf('tb').firstChild;
    li.dataset.ballot = b.name;
    li.firstChild.textContent = b.name;
    li.firstChild.after(' ' + t('ballotInfo', { n: b.ids.length, d: new Date(b.at || 0).toLocaleDateString() }) +
      (b.other ? ' ' + t('otherList') : '') + (b.unmatched ? ' ' + t('unmatched', { n: b.unmatched }) : ''));
    return li;
  }
  function planRow(i) {
    const id = ids[i], p = team().plan[id] || {}, who = votes.get(id) || [], tr = copyOf('tp').firstChild;
    const [n, , w] = tr.cells, [a, x, y] = tr.querySelectorAll('a,input');
    n.textContent = who.length;
    w.textContent = who.join(', ');
    a.href = '#t-' + id;
    a.textContent = lis[i].querySelector('.title').textContent;
    x.value = p.who || '';
    x.setAttribute('data-plan-who', id);
    y.value = p.at || '';
    y.setAttribute('data-plan-at', id);
    return tr;
  }
  function drawPanel() {
    const tm = team(), names = tm.ballots.map(b => b.name), by = $('tw');
    $('team-h').textContent = t(link ? 'teamLink' : 'team', { n: tm.ballots.length });
    $('tl').hidden = !link;
    $('ballots').replaceChildren(...tm.ballots.map(ballotRow));
    $('tn').hidden = names.length > 0;
    $('ty').value = tm.me || '';
    $('tk').value = filter.k;
    by.replaceChildren(...[...by.options].slice(0, 2), ...names.map(n => new Option(n, n)));
    by.value = filter.by;
    $('tm').replaceChildren(...names.map(n => new Option('', n)));
    $('tally').replaceChildren(...byVotes(ids, votes).filter(i => votes.has(ids[i]) || tm.plan[ids[i]]).map(planRow));
  }
  function draw(filtered) {
    votes = tally(team().ballots);
    if (open) {
      model.views.set('team', pred);
      if (!filtered) drawPanel();  // a new filter changes the cards, not the panel
    } else model.views.delete('team');
    model.tally = open && votes;
    panel.hidden = !open;
    mark();
    sort.querySelector('[value=votes]').hidden = !open;  // an order only the tally gives
    if (!filtered && sort.value === 'votes') arrange();  // a new filter changes no votes
    render();
  }
  function show(on) {
    open = on;
    draw();
  }

  // --- editing the plan and the filters ---------------------------------------------------------
  function onEdit(e) {
    const x = e.target, tm = team();
    if (x.id === 'tk' || x.id === 'tw') {
      filter = x.id === 'tk' ? { k: Math.max(0, +x.value || 0), by: '' } : { k: 0, by: x.value };
      return draw(true);
    }
    if (x.id === 'ty') return save({ ...tm, me: cleanName(x.value) });
    const k = x.hasAttribute('data-plan-who') ? 'who' : 'at', id = x.getAttribute('data-plan-' + k);
    if (!id) return;
    const p = { ...tm.plan[id], [k]: cleanName(x.value) };  // a date stays as it is
    const plan = { ...tm.plan, [id]: p };
    if (!p.who && !p.at) delete plan[id];
    save({ ...tm, plan });
  }

  // --- ballots in: a share link, my picks, files ------------------------------------------------
  function add(ballot) {
    const tm = team(), [ballots, old] = addBallot(tm.ballots, ballot);
    store({ ...tm, ballots }, t(old ? 'ballotReplaced' : 'ballotAdded', { who: isolate(ballot.name), n: ballot.ids.length }),
      tm);
  }
  const ballot = (name, got) => ({ name: cleanName(name), ids: got.ids, unmatched: (got.unmatched || 0) + (got.ambiguous || 0),
    other: got.sameList === false, at: Date.now() });
  /** Files as ballots, each named after its file (renamed later if need be). */
  function addFiles(files) {
    show(true);
    files.forEach(f => f.text().then(text => {
      const got = importPicks(text, f.name, records());
      if (!got) return model.tell('team', t('importBad', { f: f.name }));
      add(ballot(f.name.replace(/\.[^.]*$/, '').replace(/^selected_|_papers$/g, ''), got));
    }));
  }
  const picker = filePicker('tf', addFiles);

  function nameNeeded(input) {
    model.tell('team', t('nameNeeded'));
    input?.focus();
  }

  const actions = {
    team: () => show(!open),
    'add-to-team': () => {
      const got = share.current(), input = document.querySelector('[data-ballot-name]'), name = cleanName(input?.value ?? got.name);
      if (!name) return nameNeeded(input);
      add(ballot(name, got));
      share.close();
      show(true);
    },
    'add-mine': () => {
      const name = cleanName($('ty').value);
      if (!name) return nameNeeded($('ty'));
      add(ballot(name, { ids: model.mine() }));
    },
    'import-ballots': () => picker.click(),
    'rename-ballot': b => {
      const row = b.parentNode;
      row.replaceChildren(copyOf('tr'));
      row.firstChild.value = row.dataset.ballot;
      row.firstChild.focus();
    },
    'rename-done': b => {
      const old = b.parentNode.dataset.ballot, name = cleanName(b.previousSibling.value), tm = team();
      if (!name || (name !== old && tm.ballots.some(x => x.name === name))) return nameNeeded(b.previousSibling);
      store({ ...tm, ballots: tm.ballots.map(x => x.name === old ? { ...x, name } : x) });
    },
    'remove-ballot': b => {
      const tm = team(), name = b.parentNode.dataset.ballot;
      store({ ...tm, ballots: tm.ballots.filter(x => x.name !== name) }, t('ballotRemoved', { who: isolate(name) }), tm);
    },
    'undo-team': () => store(lastUndo),
    'tick-votes': () => {
      const on = ids.filter((id, i) => votes.has(id) && pred(i) && !model.ticked.has(id));
      model.bulk(t('tickedN', { n: on.length }), on, [], t('undo'));
    },
    'share-team': () => {
      const f = $('ts');
      f.value = pageURL(data) + encodeTeam({ ...team(), ids, fingerprint: data.fingerprint }).fragment;
      f.hidden = false;
      f.focus();
      f.select();
      copyText(f.value).catch(() => {});  // the field shows it either way (no clipboard on plain http)
    },
    'keep-team': () => {
      const got = link, ballots = got.ballots.reduce((l, b) => addBallot(l, b)[0], kept.ballots);
      link = null;
      dropShare();
      store({ ...kept, ballots, plan: { ...kept.plan, ...got.plan } }, t('teamKept'), kept);  // the undo: kept as it was
    },
    'close-team-link': () => {
      link = null;
      dropShare();
      draw();
    },
    'download-team-csv': () => download(data.csv.replace(/\.csv$/i, '_team.csv'), csvRows(data.teamColumns, rows(false)), 'text/csv'),
    'download-agenda': () => download(data.slug + '_plan.md', agendaMarkdown(data.title, rows(true)), 'text/markdown'),
    'download-ics': () => download(data.slug + '_plan.ics', agendaIcs(data, rows(true), stamp()), 'text/calendar'),
    'print-handout': handout,
  };

  const rows = all => tallyRows(records(), votes, team().plan, all);

  function handout() {
    const c = document.body.classList;  // team.html's template: the list's title, then one paper
    $('handout').replaceChildren(copyOf('th').firstChild, ...planned(rows(true)).map(r => {
      const a = copyOf('th').lastChild;
      [[r.date, r.presenter].filter(Boolean).join(' · '), r.title, r.authors, r.link, r.abstract].forEach((x, k) => { a.children[k].textContent = x; });
      return a;
    }));
    c.add('handout');
    window.addEventListener('afterprint', () => c.remove('handout'), { once: true });
    print();
  }

  function openLink() {
    const got = decodeTeam(location.hash, { ids, fingerprint: data.fingerprint });
    if (!got) return;
    if (!got.ok) {
      dropShare();
      return model.tell('team', t('bad'));
    }
    link = { ballots: got.ballots.map(b => ballot(b.name, b)), plan: got.plan };
    show(true);
  }
  panel.addEventListener('change', onEdit);
  window.addEventListener('storage', e => {
    if (e.key !== keep.key) return;
    kept = parseTeam(e.newValue) || kept;
    draw();
  });
  /** Dropped files: ballots when several come at once or the team panel is open. */
  const takeDrop = files => (files.length > 1 || open) && (addFiles(files), true);
  return { actions, open: openLink, takeDrop };
}
