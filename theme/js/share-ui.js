/* paperpick share UI: share links, opening them, import, Markdown/BibTeX downloads.
   A plugin of app.js (window.paperpickPlugins); the pure logic is in share.js. */
(window.paperpickPlugins = window.paperpickPlugins || []).push(function (P) {
  'use strict';
  var S = window.PaperpickShare;
  var doc = document;
  if (!S) return;
  var strings = {
    en: {
      share: 'Share', shareLink: 'Share link', yourName: 'Your name (optional)', copy: 'Copy',
      copied: 'Link copied.', copyNo: 'The browser did not allow copying; select and copy by hand.',
      importF: 'Import', md: 'Markdown', bib: 'BibTeX', copyMd: 'Copy as Markdown',
      copiedMd: 'Copied {n} paper as Markdown.|Copied {n} papers as Markdown.',
      sharedBy: "{who}'s picks: ", sharedAnon: 'Shared picks: ',
      sharedInfo: '{s} shared, {m} yours, {b} in both.',
      unmatched: '{n} shared pick matches no paper here (the link comes from another version of this list).|{n} shared picks match no paper here (the link comes from another version of this list).',
      vShared: 'Shared', vMine: 'Mine', vBoth: 'Both', vAll: 'All',
      merge: 'Add to mine', replace: 'Replace mine', close: 'Close',
      merged: 'Added {n} shared pick.|Added {n} shared picks.',
      replaced: 'Your picks were replaced by the {n} shared ones.', undo: 'Undo',
      bad: 'This share link is damaged or not for this page; nothing was changed.',
      foreign: "This share link's pick matches no paper in this list; nothing was changed.|This share link's {n} picks match no paper in this list; nothing was changed.",
      imported: '{f}: {m} of {t} matched and ticked; {u} matched no paper here.',
      importBad: '{f}: not a CSV from this page or a Markdown paper list; nothing was changed.',
    },
    'zh-CN': {
      share: '分享', shareLink: '分享链接', yourName: '你的名字（可选）', copy: '复制',
      copied: '链接已复制。', copyNo: '浏览器不允许复制，请手动复制。',
      importF: '导入', md: 'Markdown', bib: 'BibTeX', copyMd: '复制为 Markdown',
      copiedMd: '已复制 {n} 篇论文（Markdown）。',
      sharedBy: '{who} 的选择：', sharedAnon: '分享的选择：',
      sharedInfo: '分享 {s} 篇，你的 {m} 篇，共同 {b} 篇。',
      unmatched: '{n} 篇分享的论文不在本列表中（链接来自本列表的其他版本）。',
      vShared: '分享的', vMine: '我的', vBoth: '共同', vAll: '全部',
      merge: '加入我的选择', replace: '替换我的选择', close: '关闭',
      merged: '已加入 {n} 篇分享的论文。',
      replaced: '你的选择已替换为分享的 {n} 篇。', undo: '撤销',
      bad: '分享链接已损坏或不属于本页面，未做任何更改。',
      foreign: '分享链接中的 {n} 篇论文都不在本列表中，未做任何更改。',
      imported: '{f}：{t} 篇中 {m} 篇已匹配并勾选，{u} 篇未匹配。',
      importBad: '{f}：不是本页导出的 CSV 或 Markdown 论文列表，未做任何更改。',
    },
  };
  Object.keys(strings).forEach(function (l) {
    if (P.strings[l]) Object.keys(strings[l]).forEach(function (k) { P.strings[l][k] = strings[l][k]; });
  });
  var t = P.t, st = P.state, ids = P.ids, n = ids.length, data = P.data;
  var notices = doc.getElementById('notices');
  var box = doc.createElement('div');
  box.className = 'wrap notices';
  box.id = 'share-box';
  box.setAttribute('role', 'status');
  notices.parentNode.insertBefore(box, notices);
  var name = data.csv.replace(/\.csv$/i, '');

  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function button(action, label, extra) {
    return el('button', Object.assign({ type: 'button', 'data-action': action }, extra || {}), label);
  }
  function clip(text, ok, no) {
    try {
      navigator.clipboard.writeText(text).then(ok, no);
    } catch (e) { no(); }
  }

  var actions = doc.getElementById('actions');
  var help = actions.querySelector('[data-action="help"]');
  [['share', 'share'], ['import', 'importF'], ['download-md', 'md'], ['download-bibtex', 'bib'], ['copy-md', 'copyMd']]
    .forEach(function (a) { actions.insertBefore(button(a[0], t(a[1])), help); });

  function records(onlyTicked) {
    var out = [];
    for (var i = 0; i < n; i++) if (!onlyTicked || st.ticked.has(ids[i])) out.push(P.record(i));
    return out;
  }

  // --- share a link ---------------------------------------------------------------
  var link = null;
  function shareLink() {
    var who = link ? link.querySelector('[data-share-name]').value : '';
    var frag = S.encodeShare({ ids: ids, fingerprint: data.fingerprint, picks: Array.from(st.ticked), name: who });
    return (data.url || location.href.split('#')[0]) + '#' + frag.fragment;
  }
  function showLink() {
    if (!link) {
      link = el('div', { class: 'notice' });
      var label = el('label', {}, t('shareLink') + ' ');
      var input = el('input', { type: 'text', readonly: '', 'data-share-link': '', 'aria-label': t('shareLink') });
      var who = el('input', { type: 'text', 'data-share-name': '', 'aria-label': t('yourName'), placeholder: t('yourName'), maxlength: '60' });
      label.appendChild(input);
      link.append(label, who, button('copy-share', t('copy')), button('close-share', t('close')), el('span', { 'data-share-status': '' }));
      who.addEventListener('input', function () { input.value = shareLink(); });
      box.appendChild(link);
    }
    var field = link.querySelector('[data-share-link]');
    field.value = shareLink();
    field.focus();
    field.select();
    copyLink();
  }
  function copyLink() {
    var say = link.querySelector('[data-share-status]');
    clip(link.querySelector('[data-share-link]').value,
      function () { say.textContent = t('copied'); }, function () { say.textContent = t('copyNo'); });
  }

  // --- open a shared link -----------------------------------------------------------
  var shared = null, view = 'all', panel = null;
  function viewFilter(i) {
    var s = shared && shared.has(ids[i]), m = st.ticked.has(ids[i]);
    return view === 'all' || (view === 'shared' ? s : view === 'mine' ? m : s && m);
  }
  function useView(v) {  // the filter is in place only while a shared view is chosen
    view = v;
    var at = P.filters.indexOf(viewFilter);
    if (at >= 0) P.filters.splice(at, 1);
    if (v !== 'all') P.filters.push(viewFilter);
  }
  function dropFragment() {
    var rest = S.stripShare(location.hash);
    try {
      history.replaceState(history.state, '', location.pathname + location.search + rest);
    } catch (e) {
      location.hash = rest;
    }
  }
  function mark(set) {  // a "Shared" badge in the meta line of each shared paper
    P.elements.forEach(function (li, i) {
      var old = li.querySelector('.shared-badge'), on = !!set && set.has(ids[i]);
      li.classList.toggle('shared', on);
      if (old && !on) old.remove();
      if (on && !old) li.querySelector('.meta').appendChild(el('span', { class: 'shared-badge' }, t('vShared')));
    });
  }
  function closeShared() {
    shared = null;
    useView('all');
    if (panel) panel.remove();
    panel = null;
    mark(null);
    dropFragment();
    P.render();
  }
  function drawPanel(got) {
    if (panel) panel.remove();
    panel = el('div', { class: 'notice', 'data-shared': '' });
    var mine = 0, both = 0;
    ids.forEach(function (id) {
      if (st.ticked.has(id)) { mine++; if (shared.has(id)) both++; }
    });
    var text = (got.name ? t('sharedBy', { who: got.name }) : t('sharedAnon')) +
      t('sharedInfo', { s: shared.size, m: mine, b: both });
    if (got.unmatched + got.ambiguous) text += ' ' + t('unmatched', { n: got.unmatched + got.ambiguous });
    panel.appendChild(el('span', {}, text));
    var seg = el('span', { class: 'seg', role: 'group' });
    [['all', 'vAll'], ['shared', 'vShared'], ['mine', 'vMine'], ['both', 'vBoth']].forEach(function (v) {
      seg.appendChild(button('view-' + v[0], t(v[1]), { 'aria-pressed': String(view === v[0]) }));
    });
    panel.append(seg, button('merge-shared', t('merge')), button('replace-with-shared', t('replace')),
      button('dismiss-shared', t('close')));
    box.insertBefore(panel, box.firstChild);
  }
  function openShared() {
    var got = S.decodeShare(location.hash, { ids: ids, fingerprint: data.fingerprint });
    if (!got) return;
    if (!got.ok || (!got.ids.length && got.total && !got.sameList)) {
      P.notice('share-bad', got.ok ? t('foreign', { n: got.total }) : t('bad'));
      dropFragment();
      return P.render();
    }
    shared = new Set(got.ids);
    mark(shared);
    drawPanel(got);
    panel.got = got;
    P.render();
  }
  function setView(v) {
    useView(v);
    drawPanel(panel.got);
    P.render();
  }

  // --- import -----------------------------------------------------------------------
  var picker = el('input', { type: 'file', accept: '.csv,.md,.markdown,.txt,text/csv,text/markdown', hidden: '' });
  box.appendChild(picker);
  function importFile(file) {
    if (!file) return;
    file.text().then(function (text) {
      var got = S.importPicks(text, file.name, records(false));
      if (!got) return P.notice('import', t('importBad', { f: file.name })) || P.render();
      P.notice('import', t('imported', { f: file.name, m: got.ids.length, t: got.total, u: got.unmatched }));
      P.setTicks(got.ids, true);
    });
  }
  picker.addEventListener('change', function () {
    importFile(picker.files[0]);
    picker.value = '';
  });
  doc.addEventListener('dragover', function (e) {
    if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, 'Files') >= 0) e.preventDefault();
  });
  doc.addEventListener('drop', function (e) {
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    importFile(e.dataTransfer.files[0]);
  });

  // --- commands -----------------------------------------------------------------------
  var A = P.actions;
  A.share = showLink;
  A['copy-share'] = copyLink;
  A['close-share'] = function () { link.remove(); link = null; };
  A['merge-shared'] = function () {
    var add = Array.from(shared).filter(function (id) { return !st.ticked.has(id); });
    P.notice('shared', t('merged', { n: add.length }));
    closeShared();
    P.setTicks(add, true);
  };
  A['replace-with-shared'] = function () {
    var before = Array.from(st.ticked), keep = before.filter(function (id) { return !P.index.has(id); });
    var next = new Set(keep.concat(Array.from(shared)));
    A['undo-replace'] = function () {
      st.ticked = new Set(before);
      P.notice('shared', '');
      P.save();
      P.render();
    };
    P.notice('shared', t('replaced', { n: shared.size }), [['undo-replace', t('undo')]]);
    closeShared();
    st.ticked = next;
    P.save();
    P.render();
  };
  A['dismiss-shared'] = closeShared;
  ['all', 'shared', 'mine', 'both'].forEach(function (v) { A['view-' + v] = function () { setView(v); }; });
  A['import'] = function () { picker.click(); };
  A['download-md'] = function () {
    var notes = Array.prototype.map.call(doc.querySelectorAll('header .note'), function (p) { return p.textContent; });
    P.download(name + '.md', S.writeMarkdown({ title: data.title, notes: notes }, records(false), st.ticked),
      'text/markdown;charset=utf-8');
  };
  A['download-bibtex'] = function () {
    P.download(name + '.bib', S.writeBibtex(records(true)), 'application/x-bibtex;charset=utf-8');
  };
  A['copy-md'] = function () {
    var recs = records(true);
    var say = function (text) { P.notice('copy', text); P.render(); };
    clip(S.markdownLinks(recs), function () { say(t('copiedMd', { n: recs.length })); }, function () { say(t('copyNo')); });
  };

  window.addEventListener('hashchange', openShared);
  openShared();
});
