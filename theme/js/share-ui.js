/* paperpick share UI: share links, opening them, import, Markdown/BibTeX downloads.
   A plugin of app.js (window.paperpickPlugins); the pure logic is in share.js. */
(window.paperpickPlugins = window.paperpickPlugins || []).push(P => {
  'use strict';
  var S = window.PaperpickShare, doc = document;
  if (!S) return;
  window.PaperpickI18n.add(`
share Share ~ 分享
shareLink Share link ~ 分享链接
yourName Your name (optional) ~ 你的名字（可选）
copy Copy ~ 复制
copied Link copied. ~ 链接已复制。
local It opens only on this computer; set url: in config.yml for a link others can open. ~ 仅本机可打开；在 config.yml 设置 url: 才能分享给别人。
copyNo The browser did not allow copying; select and copy by hand. ~ 浏览器不允许复制，请手动复制。
importF Import ~ 导入
md Markdown ~ Markdown
bib BibTeX ~ BibTeX
copyMd Copy as Markdown ~ 复制为 Markdown
copiedMd Copied {n} paper as Markdown.|Copied {n} papers as Markdown. ~ 已复制 {n} 篇论文（Markdown）。
sharedBy {who}'s picks:  ~ {who} 的选择：
sharedAnon Shared picks:  ~ 分享的选择：
sharedInfo {s} shared, {m} yours, {b} in both. ~ 分享 {s} 篇，你的 {m} 篇，共同 {b} 篇。
unmatched {n} shared pick matches no paper here (an older list?)|{n} shared picks match no paper here (an older list?) ~ {n} 篇分享的论文不在本列表中（旧版列表？）
vShared Shared ~ 分享的
vMine Mine ~ 我的
vBoth Both ~ 共同
vAll All ~ 全部
merge Add to mine ~ 加入我的选择
replace Replace mine ~ 替换我的选择
merged Added {n} shared pick.|Added {n} shared picks. ~ 已加入 {n} 篇分享的论文。
replaced Your picks were replaced by the {n} shared ones. ~ 你的选择已替换为分享的 {n} 篇。
bad This share link is damaged or not for this page; nothing was changed. ~ 分享链接已损坏或不属于本页，未做更改。
foreign The link's picks match no paper in this list; nothing was changed. ~ 链接中的论文都不在本列表中，未做更改。
imported {f}: {m} of {t} matched and ticked; {u} matched no paper here. ~ {f}：{t} 篇中 {m} 篇已匹配并勾选，{u} 篇未匹配。
importBad {f}: not a CSV of this page or a Markdown list; nothing was changed. ~ {f}：不是本页的 CSV 或 Markdown 列表，未做更改。
`);
  var t = P.t, st = P.state, ids = P.ids, data = P.data, el = P.el, button = P.button, A = P.actions;
  var name = data.csv.replace(/\.csv$/i, ''), link = null, shared = null, view = 'all', panel = null, got;
  var box = el('div', { class: 'wrap notices', id: 'share-box', role: 'status' });
  doc.getElementById('notices').before(box);
  var clip = (text, ok, no) => {
    try {
      navigator.clipboard.writeText(text).then(ok, no);
    } catch (e) { no(); }
  };
  var records = onlyTicked => ids.map((id, i) => (!onlyTicked || st.ticked.has(id)) && P.record(i)).filter(Boolean);
  doc.getElementById('actions').append(...[['share', 'share'], ['import', 'importF'], ['download-md', 'md'],
    ['download-bibtex', 'bib'], ['copy-md', 'copyMd']].map(a => button(a[0], t(a[1]))));

  // --- share a link ---------------------------------------------------------------
  var field = what => link.querySelector('[data-share-' + what + ']');
  // The picks are what is shared, not this reader's search or view: no ?q= or &show=.
  var shareLink = () => (data.url || location.href.split(/[?#]/)[0]) + '#' + S.encodeShare({
    ids: ids, fingerprint: data.fingerprint, picks: [...st.ticked], name: link ? field('name').value : '',
  }).fragment;
  A.share = () => {
    if (!link) {
      var label = el('label', {}, t('shareLink') + ' ');
      var who = el('input', { type: 'text', 'data-share-name': '', 'aria-label': t('yourName'), placeholder: t('yourName'), maxlength: 60 });
      link = el('div', { class: 'notice' });
      label.append(el('input', { type: 'text', readonly: '', 'data-share-link': '', 'aria-label': t('shareLink') }));
      link.append(label, who, button('copy-share', t('copy')), button('close-share', t('close')), el('span', { 'data-share-status': '' }));
      who.addEventListener('input', () => { field('link').value = shareLink(); });
      box.append(link);
    }
    var f = field('link');
    f.value = shareLink();
    f.focus();
    f.select();
    A['copy-share']();
  };
  A['copy-share'] = () => {
    var say = k => () => {
      field('status').textContent = t(k) + (data.url || !/^file:|\/\/(localhost|127\.)/.test(location.href) ? '' : ' ' + t('local'));
    };
    clip(field('link').value, say('copied'), say('copyNo'));
  };
  A['close-share'] = () => {
    link.remove();
    link = null;
  };

  // --- open a shared link -----------------------------------------------------------
  function viewFilter(i) {  // in P.filters only while a shared view is chosen
    var s = shared.has(ids[i]), m = st.ticked.has(ids[i]);
    return view === 'shared' ? s : view === 'mine' ? m : s && m;
  }
  function setView(v) {
    var at = P.filters.indexOf(viewFilter);
    if (at >= 0) P.filters.splice(at, 1);
    if ((view = v) !== 'all') P.filters.push(viewFilter);
    if (panel) panel.remove();
    panel = null;
    if (shared) {
      var mine = 0, both = 0;
      st.ticked.forEach(id => { if (P.index.has(id)) { mine++; both += shared.has(id); } });
      var text = (got.name ? t('sharedBy', { who: got.name }) : t('sharedAnon')) + t('sharedInfo', { s: shared.size, m: mine, b: both });
      if (got.unmatched + got.ambiguous) text += ' ' + t('unmatched', { n: got.unmatched + got.ambiguous });
      var seg = el('span', { class: 'seg', role: 'group' });
      panel = el('div', { class: 'notice', 'data-shared': '' });
      seg.append(...['all', 'shared', 'mine', 'both'].map(w =>
        button('view-' + w, t('v' + w[0].toUpperCase() + w.slice(1)), { 'aria-pressed': view === w })));
      panel.append(el('span', {}, text), seg, button('merge-shared', t('merge')), button('replace-with-shared', t('replace')),
        button('dismiss-shared', t('close')));
      box.prepend(panel);
    }
    P.render();
  }
  function mark() {  // a "Shared" badge in the meta line of each shared paper
    P.elements.forEach((li, i) => {
      var old = li.querySelector('.shared-badge'), on = !!shared && shared.has(ids[i]);
      li.classList.toggle('shared', on);
      if (old && !on) old.remove();
      if (on && !old) li.querySelector('.meta').append(el('span', { class: 'shared-badge' }, t('vShared')));
    });
  }
  function dropFragment() {  // after a choice, so that a reload does not ask again
    var rest = S.stripShare(location.hash);
    try {
      history.replaceState(history.state, '', location.pathname + location.search + rest);
    } catch (e) {
      location.hash = rest;
    }
  }
  function closeShared() {
    shared = null;
    mark();
    dropFragment();
    setView('all');
  }
  function openShared() {
    var g = S.decodeShare(location.hash, { ids: ids, fingerprint: data.fingerprint });
    if (!g) return;
    if (!g.ok || (!g.ids.length && g.total && !g.sameList)) {
      P.notice('share-bad', g.ok ? t('foreign') : t('bad'));
      dropFragment();
      return P.render();
    }
    shared = new Set((got = g).ids);
    mark();
    setView(view);
  }
  ['all', 'shared', 'mine', 'both'].forEach(v => { A['view-' + v] = () => setView(v); });
  A['dismiss-shared'] = closeShared;
  A['merge-shared'] = () => {  // undoable, like replace
    var add = [...shared].filter(id => !st.ticked.has(id));
    closeShared();
    P.bulk(t('merged', { n: add.length }), add, []);
  };
  A['replace-with-shared'] = () => {  // mine outside this list stay; undoable
    var s = shared, text = t('replaced', { n: s.size });
    closeShared();
    P.bulk(text, [...s].filter(id => !st.ticked.has(id)), [...st.ticked].filter(id => P.index.has(id) && !s.has(id)));
  };

  // --- import -----------------------------------------------------------------------
  var picker = el('input', { type: 'file', accept: '.csv,.md,.markdown,.txt,text/csv,text/markdown', hidden: '' });
  box.append(picker);
  function importFile(file) {
    if (file) {
      file.text().then(text => {
        var got = S.importPicks(text, file.name, records());
        P.notice('msg', got ? t('imported', { f: file.name, m: got.ids.length, t: got.total, u: got.unmatched }) : t('importBad', { f: file.name }));
        P.setTicks(got ? got.ids : [], true);
      });
    }
  }
  picker.addEventListener('change', () => {
    importFile(picker.files[0]);
    picker.value = '';
  });
  doc.addEventListener('dragover', e => {
    if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) e.preventDefault();
  });
  doc.addEventListener('drop', e => {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      e.preventDefault();
      importFile(e.dataTransfer.files[0]);
    }
  });

  // --- more ways out ------------------------------------------------------------------
  A.import = () => picker.click();
  A['download-md'] = () => P.download(name + '.md', S.writeMarkdown({
    title: data.title, notes: [...doc.querySelectorAll('header .note')].map(p => p.textContent),
  }, records(), st.ticked), 'text/markdown;charset=utf-8');
  A['download-bibtex'] = () => P.download(name + '.bib', S.writeBibtex(records(1)), 'application/x-bibtex;charset=utf-8');
  A['copy-md'] = () => {
    var recs = records(1), say = text => () => { P.notice('msg', text); P.render(); };
    clip(S.markdownLinks(recs), say(t('copiedMd', { n: recs.length })), say(t('copyNo')));
  };

  window.addEventListener('hashchange', openShared);
  openShared();
});
