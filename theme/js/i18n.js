/* paperpick interface strings. "a|b": singular|plural, chosen by {n}. */
(function (root) {
  'use strict';
  var strings = {
    en: {
      skip: 'Skip to papers',
      allLists: 'All lists',
      papersCount: '{n} paper|{n} papers',
      abstract: 'Abstract',
      madeWith: 'Made with',
      tools: 'Search and picks',
      picks: 'Picks',
      searchLabel: 'Search titles, abstracts and fields',
      searchPlaceholder: 'Search papers  ( / )',
      show: 'Show',
      all: 'All',
      ticked: 'Ticked',
      unticked: 'Unticked',
      tickShown: 'Tick shown',
      untickShown: 'Untick shown',
      csv: 'Download CSV',
      keys: 'Keyboard shortcuts',
      close: 'Close',
      count: '{t} of {n} ticked',
      matches: '{n} match|{n} matches',
      shown: '{n} shown',
      kSearch: 'Search',
      kNext: 'Next paper',
      kPrev: 'Previous paper',
      kTick: 'Tick or untick it',
      kOpen: 'Open its link',
      kHelp: 'Show these keys',
      refused: 'This browser refuses to store ticks: they last only while this page is open. Download the CSV to keep them.',
      full: 'Browser storage is full: new ticks last only while this page is open. Download the CSV to keep them.',
      corrupt: 'Stored ticks could not be read. They were set aside under “{k}”, and this list started afresh.',
      missing: '{n} ticked paper is not in this list (kept in storage).|{n} ticked papers are not in this list (kept in storage).',
      forget: 'Forget them',
      untickedN: 'Unticked {n} paper.|Unticked {n} papers.',
      undo: 'Undo',
      dismiss: 'Dismiss',
    },
    'zh-CN': {
      skip: '跳到论文列表',
      allLists: '全部列表',
      papersCount: '{n} 篇论文',
      abstract: '摘要',
      madeWith: '生成工具',
      tools: '搜索与勾选',
      picks: '勾选操作',
      searchLabel: '搜索标题、摘要和字段',
      searchPlaceholder: '搜索论文（/）',
      show: '显示',
      all: '全部',
      ticked: '已勾选',
      unticked: '未勾选',
      tickShown: '勾选所显示的',
      untickShown: '取消所显示的',
      csv: '下载 CSV',
      keys: '键盘快捷键',
      close: '关闭',
      count: '已勾选 {t} / {n} 篇',
      matches: '{n} 篇匹配',
      shown: '显示 {n} 篇',
      kSearch: '搜索',
      kNext: '下一篇',
      kPrev: '上一篇',
      kTick: '勾选或取消勾选',
      kOpen: '打开链接',
      kHelp: '显示这些快捷键',
      refused: '此浏览器不允许保存勾选：勾选仅在本页打开期间有效。请下载 CSV 保存。',
      full: '浏览器存储已满：新的勾选仅在本页打开期间有效。请下载 CSV 保存。',
      corrupt: '已保存的勾选无法读取，已另存于“{k}”，本列表重新开始。',
      missing: '有 {n} 篇已勾选的论文不在此列表中（仍保存在浏览器中）。',
      forget: '忘掉它们',
      untickedN: '已取消勾选 {n} 篇。',
      undo: '撤销',
      dismiss: '关闭',
    },
  };

  function pick(setting, browserLanguages) {
    if (setting === 'en' || setting === 'zh-CN') return setting;
    var first = (browserLanguages || [])[0] || '';
    return /^zh/i.test(first) ? 'zh-CN' : 'en';
  }

  function format(text, vars) {
    vars = vars || {};
    var forms = text.split('|');
    var s = forms.length > 1 && Number(vars.n) !== 1 ? forms[1] : forms[0];
    return s.replace(/\{(\w+)\}/g, function (m, k) { return k in vars ? String(vars[k]) : m; });
  }

  var api = { strings: strings, pick: pick, format: format };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.PaperpickI18n = api;
})(this);
