/* paperpick page: one state, one render, delegated listeners. Pure logic lives in core.js. */
(function () {
  'use strict';
  var C = window.PaperpickCore, I = window.PaperpickI18n, doc = document;
  var $ = id => doc.getElementById(id);
  var all = (sel, root) => [...(root || doc).querySelectorAll(sel)];
  var dataEl = $('paperpick-data'), listEl = $('list');
  if (!C || !I || !dataEl || !listEl) return;

  var data = JSON.parse(dataEl.textContent), papers = data.papers, n = papers.length;
  var lis = [...listEl.getElementsByClassName('paper')];
  // Papers come in chunks (<ol class="chunk">) so that layout skips whole chunks off screen.
  var chunks = [...listEl.children];
  var chunkOf = lis.map(li => chunks.indexOf(li.parentNode));
  var ids = papers.map(p => p.id);
  var known = new Map(ids.map((id, i) => [id, i]));
  var KEY = C.storageKey(data.slug);
  var lang = I.pick(data.language, navigator.languages || [navigator.language]);
  var t = (k, vars) => I.format(I.strings[lang][k] || I.strings.en[k] || k, vars);
  var params = new URLSearchParams(location.search);
  var attr = (e, a) => e.getAttribute(a);
  var textOf = (i, sel) => { var e = lis[i].querySelector(sel); return e ? e.textContent : ''; };

  /** A new element: attributes (data-*, aria-*, class, ...) set as given, text as its text. */
  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  var button = (action, label, attrs) => el('button', Object.assign({ type: 'button', 'data-action': action }, attrs), label);

  var state = {
    ticked: new Set(),   // ticked ids, including ids that are not in this list
    query: params.get('q') || '',
    words: [],
    filter: /^(ticked|unticked)$/.test(params.get('show')) ? params.get('show') : 'all',
    match: null,         // sorted indexes matching the query, or null for "all"
    cur: -1,             // index of the current paper (j/k)
    notices: [],         // [{key, text, acts: [[action, label]]}]
    storage: 'ok',       // ok | refused | full
                         // undo: [ids to tick, ids to untick] that undo the last bulk change
  };
  var filters = [];      // extra view predicates (i) -> bool, added by plugins

  var store;
  function notice(key, text, acts) {
    state.notices = state.notices.filter(x => x.key !== key);
    if (text) state.notices.push({ key: key, text: text, acts: acts || [] });
  }

  function setStorage(mode) {
    state.storage = mode;
    notice('storage', mode === 'ok' ? '' : t(mode), [['download-csv-notice', t('csv')]]);
  }

  function load() {
    var raw, got;
    try {
      raw = (store = window.localStorage).getItem(KEY);
    } catch (e) {  // no store at all, or it refuses
      store = null;
      setStorage('refused');
      return C.initialTicks(null, papers);
    }
    got = C.parseStored(raw);
    if (got === undefined) {
      var aside = C.corruptKey(data.slug, Date.now());
      got = null;
      try {
        store.setItem(aside, raw);
        notice('corrupt', t('corrupt', { k: aside }));
        save(C.initialTicks(null, papers));
      } catch (e) {
        store = null;
        setStorage('full');
      }
    }
    return C.initialTicks(got, papers);
  }

  // The ticks this tab last read or wrote: a save applies only this tab's changes since
  // then to what is stored now, so a tick another tab saved a moment ago is not lost.
  var base;
  function save(list) {
    if (!store) return;
    try {
      var got = C.merge(base, list || state.ticked, C.parseStored(store.getItem(KEY)));
      store.setItem(KEY, C.serialize(got));
      state.ticked = new Set(base = got);
      setStorage('ok');
    } catch (e) {
      setStorage(e && e.name === 'SecurityError' ? 'refused' : 'full');
    }
  }

  state.ticked = new Set(base = load());

  var hays = [], built = 0;
  function buildHays(limit) {
    for (; built < n && limit-- > 0; built++) {
      var p = papers[built];
      hays[built] = [textOf(built, '.title'), textOf(built, '.abstract'), textOf(built, '.fields'),
        p.title || '', p.abstract || ''].concat((p.fields || []).map(f => f[1])).join('\n').toLowerCase();
    }
  }
  function buildIdle() {
    buildHays(2000);
    if (built < n) setTimeout(buildIdle, 0);
  }

  function runSearch(query) {
    var ws = C.words(query);
    state.query = query;
    if (ws.length) buildHays(n);
    state.match = ws.length ? C.search(hays, ws, state.match && C.narrows(state.words, ws) ? state.match : null) : null;
    state.words = ws;
  }

  var drawnOn = papers.map(p => !!p.ticked); // as the server drew them
  var drawnShown = papers.map(() => true);
  var drawnChunk = chunks.map(c => c.children.length);
  var drawnNotices = '', gone = 0, shownList = [], showButtons = all('[data-action^="show-"]');

  function render() {
    var lost = C.missing(state.ticked, known);
    if (lost.length !== gone) {  // said again only when the number changes: a dismissal holds
      gone = lost.length;
      notice('missing', gone ? t('missing', { n: gone, ids: lost.slice(0, 3).join(', ') + (gone > 3 ? '…' : '') }) : '',
        [['forget-missing', t('forget')]]);
    }
    var matchSet = null, ticked = 0, perChunk = chunks.map(() => 0), f = state.filter;
    if (state.match) {
      matchSet = new Uint8Array(n);
      state.match.forEach(i => { matchSet[i] = 1; });
    }
    shownList = [];
    for (var i = 0; i < n; i++) {
      var on = state.ticked.has(ids[i]), show = !(matchSet && !matchSet[i]) && f !== (on ? 'unticked' : 'ticked');
      for (var j = 0; show && j < filters.length; j++) show = filters[j](i);
      if (on) ticked++;
      if (drawnOn[i] !== on) {
        drawnOn[i] = on;
        lis[i].firstElementChild.checked = on;
        lis[i].classList.toggle('on', on);
      }
      if (show) {
        shownList.push(i);
        perChunk[chunkOf[i]]++;
      }
      if (drawnShown[i] !== show) {
        drawnShown[i] = show;
        lis[i].classList.toggle('out', !show); // a class: far cheaper to restyle than [hidden]
      }
    }
    perChunk.forEach((k, c) => {
      if (drawnChunk[c] === k) return;
      drawnChunk[c] = k;
      chunks[c].classList.toggle('out', !k);
      chunks[c].style.containIntrinsicBlockSize = k * 7 + 'rem';
    });
    doc.body.classList.toggle('some', ticked > 0);
    var parts = [t('count', { t: ticked, n: n })];
    if (shownList.length !== n && (f !== 'all' || filters.length)) parts.unshift(t('shown', { n: shownList.length }));
    if (state.words.length) parts.unshift(t('matches', { n: state.match.length }));
    $('count').textContent = parts.join(' · ');
    showButtons.forEach(b => b.setAttribute('aria-pressed', attr(b, 'data-action') === 'show-' + f));
    var sig = JSON.stringify(state.notices);
    if (sig !== drawnNotices) {
      drawnNotices = sig;
      $('notices').replaceChildren(...state.notices.map(x => {
        var box = el('p', { class: 'notice' });
        box.append(el('span', {}, x.text), ...x.acts.concat([['dismiss', t('dismiss')]])
          .map(a => button(a[0], a[1], { 'data-notice': x.key })));
        return box;
      }));
    }
    highlight();
  }

  var hlJob = 0;
  function highlight() {
    if (!window.CSS || !CSS.highlights || !window.Highlight) return;
    clearTimeout(hlJob);
    CSS.highlights.delete('pp');
    if (!state.words.length) return;
    var h = new Highlight(), todo = shownList.slice(0, 600), ws = state.words;
    CSS.highlights.set('pp', h);
    (function chunk() {
      todo.splice(0, 40).forEach(i => {
        var walk = doc.createTreeWalker(lis[i].querySelector('.body'), NodeFilter.SHOW_TEXT);
        for (var node; (node = walk.nextNode());) {
          C.spans(node.data, ws).forEach(s => {
            var r = new Range();
            r.setStart(node, s[0]);
            r.setEnd(node, s[1]);
            h.add(r);
          });
        }
      });
      if (todo.length) hlJob = setTimeout(chunk, 16);
    })();
  }

  var urlJob = 0;
  function syncURL(delay) {
    clearTimeout(urlJob);
    urlJob = setTimeout(() => {
      var p = new URLSearchParams(location.search), s;
      [['q', state.query], ['show', state.filter !== 'all' && state.filter]].forEach(a => {
        if (a[1]) p.set(a[0], a[1]); else p.delete(a[0]);
      });
      s = p.toString();
      try {
        history.replaceState(history.state, '', location.pathname + (s ? '?' + s : '') + location.hash);
      } catch (e) { /* some file:// setups refuse; the view still works */ }
    }, delay);
  }

  function setTicks(list, on, off) {
    list.forEach(id => { state.ticked[on ? 'add' : 'delete'](id); });
    (off || []).forEach(id => { state.ticked.delete(id); });
    save();
    render();
  }

  /** A change of many ticks that the reader can undo: tick on, untick off, and say text. */
  function bulk(text, on, off) {
    state.undo = [off, on];
    notice('msg', on.length + off.length ? text : '', [['undo', t('undo')]]);
    setTicks(on, true, off);
  }
  function bulkShown(on) {
    var l = shownIds().filter(id => state.ticked.has(id) !== on);
    bulk(t(on ? 'tickedN' : 'untickedN', { n: l.length }), on ? l : [], on ? [] : l);
  }

  var shownIds = () => shownList.map(i => ids[i]);

  // The JSON leaves out what the page's HTML already says (link, venue, year, and any
  // field, title or abstract whose text is its source), so each is read from there.
  function linkOf(i) {
    var a = lis[i].querySelector('.title > a');
    return a ? attr(a, 'href') : '';
  }

  function record(i) {
    var p = papers[i], abs;
    return {
      id: p.id, link: linkOf(i), venue: textOf(i, '.venue'), year: textOf(i, '.year'),
      fields: p.fields || all('.fields > div', lis[i]).map(d => [d.firstChild.textContent, d.lastChild.textContent]),
      title: p.title != null ? p.title : textOf(i, '.title'),
      abstract: p.abstract != null ? p.abstract : (abs = lis[i].querySelector('.abstract')) ? [...abs.children].map(c => c.textContent).join('\n\n') : '',
    };
  }

  function download(name, text, type) {
    var a = el('a', { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    doc.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  var csvText = () => C.csvFor(data.columns, ids.map((id, i) => state.ticked.has(id) && record(i)).filter(Boolean));

  var actions = {
    'tick-matching': () => bulkShown(true),
    'untick-matching': () => bulkShown(false),
    undo: () => {
      notice('msg', '');
      setTicks(state.undo[0], true, state.undo[1]);
    },
    'download-csv': () => download(data.csv, csvText(), 'text/csv;charset=utf-8'),
    'download-csv-notice': () => actions['download-csv'](),
    'forget-missing': () => {
      var l = C.missing(state.ticked, known);
      bulk(t('untickedN', { n: l.length }), [], l);
    },
    dismiss: b => {
      notice(attr(b, 'data-notice'), '');
      render();
    },
    help: () => $('help').showModal(),  // closed by its form (method="dialog") or Escape
  };
  ['all', 'ticked', 'unticked'].forEach(f => {
    actions['show-' + f] = () => {
      state.filter = f;
      render();
      syncURL(0);
    };
  });

  doc.addEventListener('click', e => {
    var b = e.target.closest('[data-action]'), act = b && actions[attr(b, 'data-action')];
    if (act) {
      e.preventDefault();
      act(b, e);
    } else if (e.target.closest('.skip')) {
      e.preventDefault();
      listEl.focus();
    }
  });

  var indexOf = e => known.get(attr(e.closest('.paper'), 'data-paper-id'));
  listEl.addEventListener('change', e => {
    if (e.target.type == 'checkbox') setTicks([ids[indexOf(e.target)]], e.target.checked);
  });
  listEl.addEventListener('focusin', e => {
    if (e.target.closest('.paper')) setCur(indexOf(e.target), false);
  });

  var q = $('q');
  q.value = state.query;
  q.addEventListener('input', () => {
    runSearch(q.value);
    render();
    syncURL(800); // changing the URL restyles every link: not on every key
  });

  // Ticks follow other tabs of the same list.
  window.addEventListener('storage', e => {
    var got = e.key === KEY && e.newValue != null && C.parseStored(e.newValue);
    if (!got) return;
    state.ticked = new Set(C.merge(base, state.ticked, base = got));  // keeps what could not be saved here
    render();
  });

  function setCur(i, focus) {
    if (lis[state.cur]) lis[state.cur].classList.remove('cur');
    state.cur = i;
    if (i < 0) return;
    lis[i].classList.add('cur');
    if (focus) {
      lis[i].firstElementChild.focus({ preventScroll: true });
      lis[i].scrollIntoView({ block: 'nearest' });
    }
  }

  function step(dir) {
    var at = shownList.indexOf(state.cur), next = at < 0 ? (dir > 0 ? 0 : shownList.length - 1) : at + dir;
    if (next >= 0 && next < shownList.length) setCur(shownList[next], true);
  }

  doc.addEventListener('keydown', e => {
    var el = e.target, i = state.cur;
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (el === q && e.key === 'Escape' && !q.value) return q.blur();
    if (el.isContentEditable || /^(TEXTAREA|SELECT)$/.test(el.tagName) || (el.tagName === 'INPUT' && el.type !== 'checkbox')) return;
    if ($('help').open) return;
    var key = {
      '/': () => { q.focus(); q.select(); },
      j: () => step(1),
      k: () => step(-1),
      x: () => { if (i >= 0) setTicks([ids[i]], !state.ticked.has(ids[i])); },
      o: () => { if (i >= 0 && linkOf(i)) window.open(linkOf(i), '_blank', 'noopener'); },
      '?': actions.help,
    }[e.key];
    if (key) {
      e.preventDefault();
      key();
    }
  });

  // The templates are written in English: only another language needs their texts replaced.
  doc.documentElement.lang = lang;
  if (lang !== 'en') {
    all('[data-i18n],.paper summary').forEach(e => { e.textContent = t(attr(e, 'data-i18n') || 'abstract', { n: attr(e, 'data-n') }); });
    [['placeholder', 'placeholder'], ['label', 'aria-label'], ['title', 'title']].forEach(a => {
      all('[data-i18n-' + a[0] + ']').forEach(e => e.setAttribute(a[1], t(attr(e, 'data-i18n-' + a[0]))));
    });
  }

  if (state.query) runSearch(state.query);
  render();
  ['toolbar', 'actions', 'nojs'].forEach(id => { if ($(id)) $(id).hidden = id === 'nojs'; });
  setTimeout(buildIdle, 200);

  // Extension point for later scripts (e.g. share-ui.js): they push a function onto
  // window.paperpickPlugins before app.js runs, and get this API.
  var api = window.paperpick = {
    data, state, ids, index: known, papers, elements: lis, actions, filters, strings: I.strings, lang, t,
    render, save, notice, setTicks, bulk, record, download, csvText, shownIds, el, button,
  };
  (window.paperpickPlugins || []).forEach(plugin => {
    try { plugin(api); } catch (e) { console.error(e); }
  });
})();
