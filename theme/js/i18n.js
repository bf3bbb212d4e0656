/* paperpick interface strings, in English and Simplified Chinese. */
(function (root) {
  'use strict';
  var strings = { en: {}, 'zh-CN': {} };

  /** Add strings from a table: one line each, "key English ~ Chinese"; in a text,
      "a|b" is singular|plural, chosen by {n}, and {name} is filled in. */
  function add(table) {
    table.trim().split('\n').forEach(line => {
      var m = /^(\w+) (.*) ~ (.*)$/.exec(line.trim());
      strings.en[m[1]] = m[2];
      strings['zh-CN'][m[1]] = m[3];
    });
  }

  add(`
skip Skip to papers ~ 跳到论文列表
allLists All lists ~ 全部列表
papersCount {n} paper|{n} papers ~ {n} 篇论文
abstract Abstract ~ 摘要
madeWith Made with ~ 生成工具
tools Search and picks ~ 搜索与勾选
picks Picks ~ 勾选操作
searchLabel Search titles, abstracts and fields ~ 搜索标题、摘要和字段
searchPlaceholder Search papers  ( / ) ~ 搜索论文（/）
show Show ~ 显示
all All ~ 全部
ticked Ticked ~ 已勾选
unticked Unticked ~ 未勾选
tickShown Tick shown ~ 勾选所显示的
untickShown Untick shown ~ 取消所显示的
csv Download CSV ~ 下载 CSV
keys Keyboard shortcuts ~ 键盘快捷键
close Close ~ 关闭
count {t} of {n} ticked ~ 已勾选 {t} / {n} 篇
matches {n} match|{n} matches ~ {n} 篇匹配
shown {n} shown ~ 显示 {n} 篇
kSearch Search ~ 搜索
kNext Next paper ~ 下一篇
kPrev Previous paper ~ 上一篇
kTick Tick or untick it ~ 勾选或取消勾选
kOpen Open its link ~ 打开链接
kHelp Show these keys ~ 显示这些快捷键
refused This browser refuses to store ticks: they last only while this page is open. Download the CSV to keep them. ~ 此浏览器不允许保存勾选：勾选仅在本页打开期间有效。请下载 CSV 保存。
full Browser storage is full: new ticks last only while this page is open. Download the CSV to keep them. ~ 浏览器存储已满：新的勾选仅在本页打开期间有效。请下载 CSV 保存。
corrupt Stored ticks could not be read. They were set aside under “{k}”, and this list started afresh. ~ 已保存的勾选无法读取，已另存于“{k}”，本列表重新开始。
missing {n} ticked paper is not in this list (kept in storage).|{n} ticked papers are not in this list (kept in storage). ~ 有 {n} 篇已勾选的论文不在此列表中（仍保存在浏览器中）。
forget Forget them ~ 忘掉它们
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
