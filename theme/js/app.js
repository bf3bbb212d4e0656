/* paperpick page: one state, one render, delegated listeners. Pure logic lives in core.js. */
(function () {
  'use strict';
  var C = window.PaperpickCore;
  var I = window.PaperpickI18n;
  var doc = document;
  var $ = function (id) { return doc.getElementById(id); };
  var dataEl = $('paperpick-data');
  var listEl = $('list');
  if (!C || !I || !dataEl || !listEl) return;

  var data = JSON.parse(dataEl.textContent);
  var papers = data.papers;
  var n = papers.length;
  var lis = Array.prototype.slice.call(listEl.getElementsByClassName('paper'));
  // Papers come in chunks (<ol class="chunk">) so that layout skips whole chunks off screen.
  var chunks = Array.prototype.slice.call(listEl.children);
  var chunkOf = lis.map(function (li) { return chunks.indexOf(li.parentNode); });
  var ids = papers.map(function (p) { return p.id; });
  var known = new Map(ids.map(function (id, i) { return [id, i]; }));
  var KEY = C.storageKey(data.slug);
  var lang = I.pick(data.language, navigator.languages || [navigator.language]);
  var T = I.strings[lang];
  var t = function (k, vars) { return I.format(T[k] || I.strings.en[k] || k, vars); };
  var params = new URLSearchParams(location.search);

  var state = {
    ticked: new Set(),   // ticked ids, including ids that are not in this list
    query: params.get('q') || '',
    words: [],
    filter: ({ ticked: 1, unticked: 1 })[params.get('show')] ? params.get('show') : 'all',
    match: null,         // sorted indexes matching the query, or null for "all"
    cur: -1,             // index of the current paper (j/k)
    notices: [],         // [{key, text, acts: [[action, label]]}]
    storage: 'ok',       // ok | refused | full
    undo: null,          // ids unticked by the last bulk untick
  };
  var filters = [];      // extra view predicates (i) -> bool, added by plugins

  var store = null;
  try {
    store = window.localStorage;
    store.getItem(KEY);
  } catch (e) {
    store = null;
  }

  function notice(key, text, acts) {
    state.notices = state.notices.filter(function (x) { return x.key !== key; });
    if (text) state.notices.push({ key: key, text: text, acts: acts || [] });
  }

  function setStorage(mode) {
    state.storage = mode;
    notice('storage', mode === 'ok' ? '' : t(mode), [['download-csv-notice', t('csv')]]);
  }

  function load() {
    var raw = null;
    if (!store) {
      setStorage('refused');
      return C.initialTicks(null, papers);
    }
    try {
      raw = store.getItem(KEY);
    } catch (e) {
      setStorage('refused');
      return C.initialTicks(null, papers);
    }
    var ids0 = C.parseStored(raw);
    if (ids0 === undefined) {
      var aside = C.corruptKey(data.slug, Date.now());
      try {
        store.setItem(aside, raw);
        notice('corrupt', t('corrupt', { k: aside }));
        ids0 = null;
        save(C.initialTicks(null, papers));
      } catch (e) {
        store = null;
        setStorage('full');
      }
    }
    return C.initialTicks(ids0, papers);
  }

  function save(list) {
    if (!store) return;
    try {
      store.setItem(KEY, C.serialize(list || state.ticked));
      if (state.storage !== 'ok') setStorage('ok');
    } catch (e) {
      setStorage(e && e.name === 'SecurityError' ? 'refused' : 'full');
    }
  }

  function reportMissing() {
    var gone = C.missing(state.ticked, known);
    notice('missing', gone.length ? t('missing', { n: gone.length }) : '', [['forget-missing', t('forget')]]);
  }

  state.ticked = new Set(load());
  reportMissing();

  var hays = new Array(n);
  var built = 0;

  function textOf(i, cls) {
    var el = lis[i].querySelector(cls);
    return el ? el.textContent : '';
  }

  function buildHays(limit) {
    for (; built < n && limit > 0; built++, limit--) {
      var p = papers[built];
      var parts = [textOf(built, '.title'), textOf(built, '.abstract'), textOf(built, '.fields'),
        p.title || '', p.abstract || ''];
      (p.fields || []).forEach(function (f) { parts.push(f[1]); });
      hays[built] = parts.join('\n').toLowerCase();
    }
  }

  function buildIdle() {
    buildHays(2000);
    if (built < n) setTimeout(buildIdle, 0);
  }

  function runSearch(query) {
    var prev = state.words;
    var ws = C.words(query);
    state.query = query;
    if (!ws.length) {
      state.match = null;
    } else {
      buildHays(n);
      var among = state.match && C.narrows(prev, ws) ? state.match : null;
      state.match = C.search(hays, ws, among);
    }
    state.words = ws;
  }

  var drawnOn = papers.map(function (p) { return !!p.ticked; }); // as the server drew them
  var drawnShown = new Array(n).fill(true);
  var drawnChunk = chunks.map(function (c) { return c.children.length; });
  var showButtons = doc.querySelectorAll('[data-action^="show-"]');
  var matchSet = null;
  var countEl = $('count');
  var noticesEl = $('notices');
  var drawnNotices = '';
  var shownList = [];

  function visible(i, on) {
    if (matchSet && !matchSet[i]) return false;
    if (state.filter === 'ticked' && !on) return false;
    if (state.filter === 'unticked' && on) return false;
    for (var f = 0; f < filters.length; f++) if (!filters[f](i)) return false;
    return true;
  }

  function render() {
    if (state.match) {
      matchSet = new Uint8Array(n);
      state.match.forEach(function (i) { matchSet[i] = 1; });
    } else {
      matchSet = null;
    }
    var ticked = 0;
    var perChunk = chunks.map(function () { return 0; });
    shownList = [];
    for (var i = 0; i < n; i++) {
      var on = state.ticked.has(ids[i]);
      if (on) ticked++;
      if (drawnOn[i] !== on) {
        drawnOn[i] = on;
        lis[i].firstElementChild.checked = on;
        lis[i].classList.toggle('on', on);
      }
      var show = visible(i, on);
      if (show) {
        shownList.push(i);
        perChunk[chunkOf[i]]++;
      }
      if (drawnShown[i] !== show) {
        drawnShown[i] = show;
        lis[i].classList.toggle('out', !show); // a class: far cheaper to restyle than [hidden]
      }
    }
    perChunk.forEach(function (k, c) {
      if (drawnChunk[c] === k) return;
      drawnChunk[c] = k;
      chunks[c].classList.toggle('out', !k);
      chunks[c].style.containIntrinsicBlockSize = k * 7 + 'rem';
    });
    doc.body.classList.toggle('some', ticked > 0);
    var parts = [];
    if (state.words.length) parts.push(t('matches', { n: state.match.length }));
    if (shownList.length !== n && (state.filter !== 'all' || filters.length)) parts.push(t('shown', { n: shownList.length }));
    parts.push(t('count', { t: ticked, n: n }));
    countEl.textContent = parts.join(' · ');
    Array.prototype.forEach.call(showButtons, function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-action') === 'show-' + state.filter));
    });
    drawNotices();
    highlight();
  }

  function drawNotices() {
    var sig = JSON.stringify(state.notices);
    if (sig === drawnNotices) return;
    drawnNotices = sig;
    noticesEl.textContent = '';
    state.notices.forEach(function (x) {
      var box = doc.createElement('p');
      box.className = 'notice';
      var span = doc.createElement('span');
      span.textContent = x.text;
      box.appendChild(span);
      x.acts.concat([['dismiss', t('dismiss')]]).forEach(function (a) {
        var b = doc.createElement('button');
        b.type = 'button';
        b.setAttribute('data-action', a[0]);
        b.setAttribute('data-notice', x.key);
        b.textContent = a[1];
        box.appendChild(b);
      });
      noticesEl.appendChild(box);
    });
  }

  var HL = window.CSS && CSS.highlights && window.Highlight;
  var hlJob = 0;
  function highlight() {
    if (!HL) return;
    clearTimeout(hlJob);
    CSS.highlights.delete('pp');
    if (!state.words.length) return;
    var h = new Highlight();
    CSS.highlights.set('pp', h);
    var todo = shownList.slice(0, 600);
    var ws = state.words;
    (function chunk() {
      todo.splice(0, 40).forEach(function (i) {
        var walk = doc.createTreeWalker(lis[i].querySelector('.body'), NodeFilter.SHOW_TEXT);
        for (var node = walk.nextNode(); node; node = walk.nextNode()) {
          C.spans(node.data, ws).forEach(function (s) {
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
    urlJob = setTimeout(function () {
      var p = new URLSearchParams(location.search);
      if (state.query) p.set('q', state.query); else p.delete('q');
      if (state.filter !== 'all') p.set('show', state.filter); else p.delete('show');
      var s = p.toString();
      try {
        history.replaceState(history.state, '', location.pathname + (s ? '?' + s : '') + location.hash);
      } catch (e) { /* some file:// setups refuse; the view still works */ }
    }, delay);
  }

  function setTicks(list, on) {
    list.forEach(function (id) {
      if (on) state.ticked.add(id); else state.ticked.delete(id);
    });
    save();
    render();
  }

  function shownIds() {
    return shownList.map(function (i) { return ids[i]; });
  }

  // The JSON leaves out what the page's HTML already says (link, venue, year, and any
  // field, title or abstract whose text is its source), so each is read from there.
  function linkOf(i) {
    var a = lis[i].querySelector('.title > a');
    return a ? a.getAttribute('href') : '';
  }

  function record(i) {
    var p = papers[i];
    var abs = p.abstract;
    if (abs == null) {
      var el = lis[i].querySelector('.abstract');
      abs = el ? Array.prototype.map.call(el.children, function (c) { return c.textContent; }).join('\n\n') : '';
    }
    return {
      id: p.id, link: linkOf(i), venue: textOf(i, '.venue'), year: textOf(i, '.year'),
      fields: p.fields || Array.prototype.map.call(lis[i].querySelectorAll('.fields > div'),
        function (d) { return [d.firstChild.textContent, d.lastChild.textContent]; }),
      title: p.title != null ? p.title : textOf(i, '.title'), abstract: abs,
    };
  }

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = doc.createElement('a');
    a.href = url;
    a.download = name;
    doc.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function csvText() {
    var recs = [];
    for (var i = 0; i < n; i++) if (state.ticked.has(ids[i])) recs.push(record(i));
    return C.csvFor(data.columns, recs);
  }

  function setFilter(f) {
    state.filter = f;
    render();
    syncURL(0);
  }

  var actions = {
    'show-all': function () { setFilter('all'); },
    'show-ticked': function () { setFilter('ticked'); },
    'show-unticked': function () { setFilter('unticked'); },
    'tick-matching': function () { setTicks(shownIds(), true); },
    'untick-matching': function () {
      var gone = shownIds().filter(function (id) { return state.ticked.has(id); });
      state.undo = gone;
      notice('undo', gone.length ? t('untickedN', { n: gone.length }) : '', [['undo', t('undo')]]);
      setTicks(gone, false);
    },
    undo: function () {
      var back = state.undo || [];
      state.undo = null;
      notice('undo', '');
      setTicks(back, true);
    },
    'download-csv': function () { download(data.csv, csvText(), 'text/csv;charset=utf-8'); },
    'download-csv-notice': function () { actions['download-csv'](); },
    'forget-missing': function () {
      setTicks(C.missing(state.ticked, known), false);
      reportMissing();
      render();
    },
    dismiss: function (b) {
      notice(b.getAttribute('data-notice'), '');
      render();
    },
    help: function () { $('help').showModal(); },
    'close-help': function () { $('help').close(); },
  };

  doc.addEventListener('click', function (e) {
    var b = e.target.closest('[data-action]');
    if (b && actions[b.getAttribute('data-action')]) {
      e.preventDefault();
      actions[b.getAttribute('data-action')](b, e);
    } else if (e.target.closest('.skip')) {
      e.preventDefault();
      listEl.focus();
    }
  });

  listEl.addEventListener('change', function (e) {
    var box = e.target;
    if (!box.classList.contains('tick')) return;
    var i = known.get(box.closest('.paper').getAttribute('data-paper-id'));
    setTicks([ids[i]], box.checked);
  });

  listEl.addEventListener('focusin', function (e) {
    var li = e.target.closest('.paper');
    if (li) setCur(known.get(li.getAttribute('data-paper-id')), false);
  });

  var q = $('q');
  q.value = state.query;
  q.addEventListener('input', function () {
    runSearch(q.value);
    render();
    syncURL(800); // changing the URL restyles every link: not on every key
  });

  // Ticks follow other tabs of the same list.
  window.addEventListener('storage', function (e) {
    if (e.key !== KEY || e.newValue == null) return;
    var got = C.parseStored(e.newValue);
    if (!got) return;
    state.ticked = new Set(got);
    reportMissing();
    render();
  });

  function setCur(i, focus) {
    if (state.cur >= 0 && lis[state.cur]) lis[state.cur].classList.remove('cur');
    state.cur = i;
    if (i < 0) return;
    lis[i].classList.add('cur');
    if (focus) {
      lis[i].firstElementChild.focus({ preventScroll: true });
      lis[i].scrollIntoView({ block: 'nearest' });
    }
  }

  function step(dir) {
    var at = shownList.indexOf(state.cur);
    var next = at < 0 ? (dir > 0 ? 0 : shownList.length - 1) : at + dir;
    if (next >= 0 && next < shownList.length) setCur(shownList[next], true);
  }

  doc.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var el = e.target;
    if (el === q && e.key === 'Escape' && !q.value) return q.blur();
    if (el.isContentEditable || /^(TEXTAREA|SELECT)$/.test(el.tagName) || (el.tagName === 'INPUT' && el.type !== 'checkbox')) return;
    if ($('help').open) return;
    var i = state.cur;
    var keys = {
      '/': function () { q.focus(); q.select(); },
      j: function () { step(1); },
      k: function () { step(-1); },
      x: function () { if (i >= 0) setTicks([ids[i]], !state.ticked.has(ids[i])); },
      o: function () { if (i >= 0 && linkOf(i)) window.open(linkOf(i), '_blank', 'noopener'); },
      '?': function () { actions.help(); },
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
    }
  });

  if (lang !== 'en' || doc.documentElement.lang !== 'en') {
    doc.documentElement.lang = lang;
    Array.prototype.forEach.call(doc.querySelectorAll('[data-i18n]'), function (el) {
      el.textContent = t(el.getAttribute('data-i18n'), { n: el.getAttribute('data-n') });
    });
  }
  [['placeholder', 'placeholder'], ['label', 'aria-label'], ['title', 'title']].forEach(function (a) {
    Array.prototype.forEach.call(doc.querySelectorAll('[data-i18n-' + a[0] + ']'), function (el) {
      el.setAttribute(a[1], t(el.getAttribute('data-i18n-' + a[0])));
    });
  });

  if (state.query) runSearch(state.query);
  render();
  $('toolbar').hidden = false;
  $('actions').hidden = false;
  var nojs = $('nojs');
  if (nojs) nojs.hidden = true;
  setTimeout(buildIdle, 200);

  // Extension point for later scripts (e.g. share.js): they push a function onto
  // window.paperpickPlugins before app.js runs, and get this API.
  var api = {
    data: data, state: state, ids: ids, index: known, papers: papers, elements: lis,
    actions: actions, filters: filters, strings: I.strings, lang: lang, t: t,
    render: render, save: save, notice: notice, setTicks: setTicks, record: record,
    download: download, csvText: csvText, shownIds: shownIds,
  };
  window.paperpick = api;
  (window.paperpickPlugins || []).forEach(function (plugin) {
    try { plugin(api); } catch (e) { console.error(e); }
  });
})();
