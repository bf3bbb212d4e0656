/* paperpick interface strings, in English and Simplified Chinese. */
(function (root) {
  'use strict';
  var strings = { en: {}, 'zh-CN': {} };

  /** Add strings from a table: one line each, "key English ~ Chinese"; in a text,
      "a|b" is singular|plural, chosen by {n}, and {name} is filled in. "key ~ Chinese":
      the English is the page's own (the templates are written in English, and the
      script only ever translates them away from English). */
  function add(table) {
    table.trim().split('\n').forEach(line => {
      var m = /^(\w+) (?:(.*) )?~ (.*)$/.exec(line.trim());
      if (m[2]) strings.en[m[1]] = m[2];
      strings['zh-CN'][m[1]] = m[3];
    });
  }

  add(`
skip ~ 跳到论文列表
allLists ~ 全部列表
papersCount ~ {n} 篇论文
abstract ~ 摘要
madeWith ~ 生成工具
tools ~ 搜索与勾选
picks ~ 勾选操作
searchLabel ~ 搜索标题、摘要和字段
searchPlaceholder ~ 搜索论文（/）
show ~ 显示
all ~ 全部
ticked ~ 已勾选
unticked ~ 未勾选
tickShown ~ 勾选所显示的
untickShown ~ 取消所显示的
csv Download CSV ~ 下载 CSV
keys ~ 键盘快捷键
close Close ~ 关闭
count {t} of {n} ticked ~ 已勾选 {t} / {n} 篇
matches {n} match|{n} matches ~ {n} 篇匹配
shown {n} shown ~ 显示 {n} 篇
kSearch ~ 搜索
kNext ~ 下一篇
kPrev ~ 上一篇
kTick ~ 勾选/取消
kOpen ~ 打开链接
kHelp ~ 快捷键一览
refused This browser refuses to store ticks: they last while this page is open; the CSV keeps them. ~ 浏览器不允许保存勾选：仅本页打开期间有效，请下载 CSV 保存。
full Browser storage is full: new ticks last while this page is open; the CSV keeps them. ~ 浏览器存储已满：新的勾选仅在本页打开期间有效，请下载 CSV 保存。
corrupt Stored ticks could not be read; set aside as “{k}”, the list starts afresh. ~ 已保存的勾选无法读取，已另存于“{k}”，本列表重新开始。
missing {n} ticked paper is not in this list (kept): {ids}|{n} ticked papers are not in this list (kept): {ids} ~ 有 {n} 篇已勾选的论文不在此列表中（仍保存）：{ids}
forget Forget them ~ 忘掉它们
tickedN Ticked {n} paper.|Ticked {n} papers. ~ 已勾选 {n} 篇。
untickedN Unticked {n} paper.|Unticked {n} papers. ~ 已取消勾选 {n} 篇。
undo Undo ~ 撤销
dismiss Dismiss ~ 关闭
`);

  function pick(setting, browserLanguages) {
    if (setting === 'en' || setting === 'zh-CN') return setting;
    return /^zh/i.test((browserLanguages || [])[0] || '') ? 'zh-CN' : 'en';
  }

  function format(text, vars) {
    vars = vars || {};
    var forms = text.split('|');
    return forms[forms.length > 1 && Number(vars.n) !== 1 ? 1 : 0].replace(/\{(\w+)\}/g, (m, k) => k in vars ? String(vars[k]) : m);
  }

  var api = { strings, add, pick, format };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.PaperpickI18n = api;
})(this);
