// Unit tests of the page's pure modules (theme/src/) on node's own test runner.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as ticks from '../../theme/src/ticks.js';
import * as search from '../../theme/src/search.js';
import * as writers from '../../theme/src/writers.js';
import * as I from '../../theme/src/strings.js';
import { createSiteStore, createStore } from '../../theme/src/store.js';
import { listTitles, pageLists } from '../../theme/src/site.js';
import { createModel, createNotices } from '../../theme/src/model.js';

const C = { ...ticks, ...search, ...writers };
const THEME = path.join(import.meta.dirname, '../../theme');
const table = JSON.parse(fs.readFileSync(path.join(THEME, 'strings.json'), 'utf8'));
const strings = { en: {}, 'zh-CN': {} };
for (const [key, [en, zh]] of Object.entries(table)) {
  strings.en[key] = en;
  strings['zh-CN'][key] = zh;
}
/** Columns as the build hands them to the page: [name, record key or '' for a field]. */
const KEYS = { Title: 'title', Link: 'link', Conference: 'venue', Year: 'year', Abstract: 'abstract', Id: 'id' };
const cols = names => names.map(n => [n, KEYS[n] || '']);

test('each list keeps its ticks under its own versioned key', () => {
  assert.equal(C.storageKey('icml2024'), 'paperpick:v1:icml2024');
  assert.notEqual(C.storageKey('a'), C.storageKey('b'));
  assert.equal(C.corruptKey('a', 5), 'paperpick:v1:a:corrupt:5');
});

test('stored ticks read back; nothing stored and corrupt data are told apart', () => {
  assert.deepEqual(C.parseStored(C.serialize(new Set(['x', 'y']))), ['x', 'y']);
  assert.deepEqual(C.parseStored(C.serialize([])), []);
  assert.equal(C.parseStored(null), null);
  for (const bad of ['', '{', 'null', '[]', '{"v":1}', '{"v":2,"ticked":[]}', '{"v":1,"ticked":[1]}', '{"v":1,"ticked":"a"}']) {
    assert.equal(C.parseStored(bad), undefined, bad);
  }
});

test('[x] papers start ticked only when nothing is stored', () => {
  const papers = [{ id: 'a', ticked: 1 }, { id: 'b' }, { id: 'c', ticked: 1 }];
  assert.deepEqual(C.initialTicks(null, papers), ['a', 'c']);
  assert.deepEqual(C.initialTicks([], papers), []);
  assert.deepEqual(C.initialTicks(['b', 'gone'], papers), ['b', 'gone']);
});

test('ticked papers that left the list are found, not dropped', () => {
  assert.deepEqual(C.missing(new Set(['a', 'old', 'z']), new Map([['a', 0], ['b', 1]])), ['old', 'z']);
});

test('CSV cells: RFC 4180 quoting and the formula guard', () => {
  assert.equal(C.csvCell('plain'), 'plain');
  assert.equal(C.csvCell('a, b'), '"a, b"');
  assert.equal(C.csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(C.csvCell('two\nlines'), '"two\nlines"');
  assert.equal(C.csvCell('=1+1'), "'=1+1");
  assert.equal(C.csvCell('+1'), "'+1");
  assert.equal(C.csvCell('-1'), "'-1");
  assert.equal(C.csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(C.csvCell('\tx'), '"\'\tx"');
  assert.equal(C.csvCell('a; b'), '"a; b"');
  assert.equal(C.csvCell('a\tb'), '"a\tb"');
  assert.equal(C.csvCell('\rx'), '"\'\rx"');
  assert.equal(C.csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  assert.equal(C.csvCell('a=b'), 'a=b');
  assert.equal(C.csvCell(undefined), '');
  assert.equal(C.csvCell(2024), '2024');
});

test('CSV file: BOM, CRLF after every row, columns mapped from the paper', () => {
  const rec = {
    id: 'p1', title: 'T, one', link: 'https://x', venue: 'ICML', year: '2024', abstract: 'A',
    fields: [['Authors', 'Ana; Bo']],
  };
  const text = C.csvFor(cols(['Title', 'Link', 'Conference', 'Year', 'Abstract', 'Authors', 'Code', 'Id']), [rec]);
  assert.equal(text,
    '\ufeffTitle,Link,Conference,Year,Abstract,Authors,Code,Id\r\n' +
    '"T, one",https://x,ICML,2024,A,"Ana; Bo",,p1\r\n');
  assert.equal(C.csvFor(cols(['Title']), []), '\ufeffTitle\r\n');
});

test('search: every word, case-insensitive, anywhere in a word', () => {
  const hays = ['robotic arms', 'vision language model', 'robot vision'].map((s) => s.toLowerCase());
  assert.deepEqual(C.words('  Robot  VISION robot '), ['robot', 'vision']);
  assert.deepEqual(C.search(hays, C.words('robot')), [0, 2]);
  assert.deepEqual(C.search(hays, C.words('Robot Vision')), [2]);
  assert.deepEqual(C.search(hays, C.words('ision')), [1, 2]);
  assert.deepEqual(C.search(hays, C.words('nothing')), []);
  assert.deepEqual(C.search(hays, C.words('vision'), [2]), [2]);
});

test('a growing query only rescans the previous matches', () => {
  assert.deepEqual(C.narrows(['rob'], ['robot']), ['robot']);
  assert.deepEqual(C.narrows(['rob'], ['rob', 'vis']), ['vis']);  // 'rob' is checked already
  assert.deepEqual(C.narrows(['rob', 'vis'], ['vis', 'rob']), []);
  assert.equal(C.narrows(['robot'], ['rob']), false);
  assert.equal(C.narrows(['a', 'b'], ['a']), false);
  assert.equal(C.narrows([], ['a']), false);
  // Narrowed search gives what a full search gives.
  const hays = ['robotic vision', 'robot', 'rob vis', 'vision'];
  const first = C.search(hays, ['rob']);
  assert.deepEqual(C.search(hays, ['robot'], first), C.search(hays, ['robot']));
});

test('a query typed key by key matches what it matches typed at once', () => {
  const hays = ['robotic vision', 'robot', 'rob vis', 'vision language', 'language robot vision', 'lang'];
  const model = () => createModel({ ids: hays.map((_, i) => 'p' + i), store: { load: () => [], save: () => null },
    notices: createNotices(), hayOf: i => hays[i], onChange: () => {} });
  for (const query of ['robot vision', 'vision lang', 'rob  vis robot', 'vision language x']) {
    const typed = model(), once = model();
    for (let k = 1; k <= query.length; k++) typed.search(query.slice(0, k));
    once.search(query);
    assert.deepEqual(typed.match, once.match, query);
  }
});

test('highlight spans: every place of every word', () => {
  assert.deepEqual(C.spans('Robot robotics', ['robot']), [[0, 5], [6, 11]]);
  assert.deepEqual(C.spans('abcd', ['abc', 'bcd']), [[0, 3], [1, 4]]);
  assert.deepEqual(C.spans('nothing', ['x']), []);
});

test('language: auto follows the browser, config fixes it', () => {
  assert.equal(I.pick('auto', ['zh-TW', 'en']), 'zh-CN');
  assert.equal(I.pick('auto', ['en-GB', 'zh']), 'en');
  assert.equal(I.pick('auto', []), 'en');
  assert.equal(I.pick('zh-CN', ['en']), 'zh-CN');
  assert.equal(I.pick('en', ['zh-CN']), 'en');
});

test('every string exists in Chinese, and plurals fill in', () => {
  for (const [key, pair] of Object.entries(table)) {
    assert.ok(Array.isArray(pair) && pair.length === 2 && pair.every(s => typeof s === 'string' && s), key);
  }
  // Every text the templates and the script name has its English and Chinese.
  const zh = Object.keys(strings['zh-CN']);
  for (const name of fs.readdirSync(THEME).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(THEME, name), 'utf8');
    for (const m of html.matchAll(/data-i18n(?:-\w+)?="(\w+)"|tr\('(\w+)'/g)) assert.ok(zh.includes(m[1] || m[2]), `${name}: ${m[0]}`);
  }
  for (const name of fs.readdirSync(path.join(THEME, 'src'))) {
    const js = fs.readFileSync(path.join(THEME, 'src', name), 'utf8');
    for (const m of js.matchAll(/\bt\('(\w+)'[,)]/g)) assert.ok(zh.includes(m[1]), `${name}: ${m[1]}`);
  }
  assert.equal(I.format(strings.en.count, { t: 12, n: 76 }), '12 of 76 ticked');
  assert.equal(I.format(strings.en.matches, { n: 1 }), '1 match');
  assert.equal(I.format(strings.en.matches, { n: 3 }), '3 matches');
  assert.equal(I.format(strings['zh-CN'].count, { t: 2, n: 5 }), '已勾选 2 / 5 篇');
});

test('a number names the key at its place of names, as page.js says t(key): keys work too', () => {
  const t = I.translator(strings, 'zh-CN', ['matches', 'count']);
  assert.equal(t(1, { t: 2, n: 5 }), '已勾选 2 / 5 篇');
  assert.equal(t('count', { t: 2, n: 5 }), '已勾选 2 / 5 篇');
  // a key that is also the name of an Array method is still a key
  assert.equal(I.translator({ en: { sort: 'Sort' } }, 'en', ['count'])('sort'), 'Sort');
  assert.equal(I.translator({ en: { sort: 'Sort' } }, 'zh-CN')('sort'), 'Sort');
});

test('a save merges: this tab\'s own changes since its base, applied to what is stored now', () => {
  // Tab A ticked "a" and saved; tab B, which had read {x}, ticks "b" before A's storage event.
  assert.deepEqual(C.merge(['x'], new Set(['x', 'b']), ['x', 'a']), ['x', 'a', 'b']);
  // B unticks "x" that A still has: the untick is kept, A's "a" too.
  assert.deepEqual(C.merge(['x'], new Set([]), ['x', 'a']), ['a']);
  // An untick in another tab is not undone by this tab's save of an unrelated change.
  assert.deepEqual(C.merge(['x', 'y'], ['x', 'y', 'c'], ['y']), ['y', 'c']);
  // A tick this tab did not change stays as the other tab left it, either way.
  assert.deepEqual(C.merge(['x'], ['x'], []), []);
  assert.deepEqual(C.merge([], [], ['z']), ['z']);
  // Both tabs tick the same paper: stored once.
  assert.deepEqual(C.merge([], ['a'], ['a']), ['a']);
  // Nothing readable stored (nothing yet, corrupt, cleared): mine as they are.
  assert.deepEqual(C.merge(['x'], new Set(['a']), null), ['a']);
  assert.deepEqual(C.merge(undefined, ['a', 'b'], undefined), ['a', 'b']);
  // No base yet (first save): everything mine counts as added, nothing as removed.
  assert.deepEqual(C.merge(undefined, ['a'], ['z']), ['z', 'a']);
});

/** A stand-in for localStorage that can be made to refuse or to be full. */
function fakeStorage(items = {}, fault = null) {
  return {
    items,
    getItem: k => (k in items ? items[k] : null),
    setItem(k, v) {
      if (fault) throw Object.assign(new Error(fault), { name: fault });
      items[k] = String(v);
    },
  };
}

test('the store keeps ticks under the list key and says every fault', () => {
  const papers = [{ id: 'a', ticked: 1 }, { id: 'b' }];
  const said = [];
  const report = (kind, detail) => said.push(detail ? [kind, detail] : [kind]);
  // Nothing stored: the list's own [x] papers, then saved ticks read back.
  const box = fakeStorage();
  const s = createStore('l', papers, report, () => box);
  assert.deepEqual(s.load(), ['a']);
  assert.deepEqual(s.save(new Set(['a', 'b'])), ['a', 'b']);
  assert.equal(box.items['paperpick:v1:l'], '{"v":1,"ticked":["a","b"]}');
  assert.deepEqual(createStore('l', papers, report, () => box).load(), ['a', 'b']);
  // Corrupt data is set aside under its own key, never overwritten.
  const bad = fakeStorage({ 'paperpick:v1:l': '{"v":1,"ticked":[broken' });
  said.length = 0;
  assert.deepEqual(createStore('l', papers, report, () => bad).load(), ['a']);
  const aside = Object.keys(bad.items).find(k => k.startsWith('paperpick:v1:l:corrupt:'));
  assert.equal(bad.items[aside], '{"v":1,"ticked":[broken');
  assert.deepEqual(said[0], ['corrupt', aside]);
  // Full storage: the ticks stay in the page and the page is told.
  said.length = 0;
  const full = createStore('l', papers, report, () => fakeStorage({}, 'QuotaExceededError'));
  full.load();
  assert.equal(full.save(new Set(['b'])), null);
  assert.deepEqual(said, [['full']]);
  // No storage at all (refused): the list's [x] papers, and the page is told.
  said.length = 0;
  assert.deepEqual(createStore('l', papers, report, () => { throw new Error('denied'); }).load(), ['a']);
  assert.deepEqual(said, [['refused']]);
});

// --- a site of several lists: one set of picks ------------------------------------------------

const A = { slug: 'a', ids: ['a1', 'a2', 'both'], x: ['a1'] }, B = { slug: 'b', ids: ['b1', 'both'], x: [] };
const siteStore = (box, lists, whole = false, said = []) =>
  createSiteStore({ site: 's1', lists, whole }, (k, d) => said.push(d ? [k, d] : [k]), () => box);
const kept = (box, key = 'paperpick:site:v1:s1') => JSON.parse(box.items[key]);

test('a site keeps one set of picks for its lists, each list written where earlier versions read it', () => {
  const box = fakeStorage();
  const a = siteStore(box, [A]);
  assert.deepEqual(a.load(), ['a1']);  // the list's [x] papers ...
  assert.deepEqual(box.items, {});     // ... written only once something changes
  a.save(new Set(['a1', 'both']));
  assert.deepEqual(kept(box), { v: 1, ticked: ['a1', 'both'], from: ['a'] });
  assert.deepEqual(kept(box, 'paperpick:v1:a'), { v: 1, ticked: ['a1', 'both'], site: 's1' });
  // The other list's page: the paper on both lists is ticked there too.
  const b = siteStore(box, [B]);
  assert.deepEqual(b.load(), ['a1', 'both']);
  assert.deepEqual(b.save(new Set(['a1', 'both', 'b1'])), ['a1', 'both', 'b1']);
  assert.deepEqual(kept(box).from, ['a', 'b']);
  assert.deepEqual(kept(box, 'paperpick:v1:b').ticked, ['b1', 'both']);  // its papers alone
  // Another tab's save is followed; one of another site is no concern of this store.
  const other = JSON.stringify({ v: 1, ticked: ['b1'], from: ['a', 'b'] });
  assert.deepEqual(b.follow(other, new Set(['a1', 'both', 'b1'])), ['b1']);
  assert.equal(b.follow('{"v":1,"ticked":[]}', new Set()), null);  // not a site's record
});

test('ticks an earlier version kept per list are carried over once, and never lost after', () => {
  const before = { 'paperpick:v1:a': '{"v":1,"ticked":["a2","gone"]}', 'paperpick:v1:b': '{"v":1,"ticked":["b1"]}' };
  const box = fakeStorage({ ...before });
  const all = siteStore(box, [A, B], true);
  assert.deepEqual(all.load(), ['a2', 'gone', 'b1']);  // not a1: the reader had unticked it
  assert.deepEqual(kept(box), { v: 1, ticked: ['a2', 'gone', 'b1'], from: ['a', 'b'] });
  // What the earlier version had stays in each key, for a site that has not opened yet.
  assert.deepEqual(kept(box, 'paperpick:v1:a'), { v: 1, ticked: ['a2'], site: 's1', old: ['a2', 'gone'] });
  // An earlier version's page opened afterwards finds the ticks, and what it changes there
  // is taken in on the next load (a2 unticked, a1 ticked), the rest kept.
  box.items['paperpick:v1:a'] = '{"v":1,"ticked":["a1"]}';
  assert.deepEqual(siteStore(box, [A]).load(), ['gone', 'b1', 'a1']);
  assert.deepEqual(kept(box).ticked, ['gone', 'b1', 'a1']);
  // Carried once: unticked afterwards, it stays unticked.
  const a = siteStore(box, [A]);
  a.load();
  a.save(new Set(['gone', 'b1']));
  assert.deepEqual(siteStore(box, [A]).load(), ['gone', 'b1']);
  // On a site of one list, its key holds all the picks, as earlier versions kept them.
  const one = fakeStorage({ 'paperpick:v1:a': '{"v":1,"ticked":["gone"]}' });
  siteStore(one, [A], true).load();
  assert.deepEqual(kept(one, 'paperpick:v1:a').ticked, ['gone']);
});

test('sites on one origin keep apart, and none loses what an earlier version kept', () => {
  const box = fakeStorage({ 'paperpick:v1:a': '{"v":1,"ticked":["a2"]}' });
  const first = siteStore(box, [A]);
  first.load();
  first.save(new Set(['a2', 'a1']));
  // A second site with a list of the same slug: the earlier version's ticks, not the first site's.
  const second = createSiteStore({ site: 's2', lists: [A], whole: false }, () => {}, () => box);
  assert.deepEqual(second.load(), ['a2']);
  second.save(new Set());
  assert.deepEqual(siteStore(box, [A]).load(), ['a2', 'a1']);
});

test('a corrupt site record is set aside and the picks come back from the lists\' keys', () => {
  const box = fakeStorage();
  const a = siteStore(box, [A]);
  a.load();
  a.save(new Set(['a2']));
  box.items['paperpick:site:v1:s1'] = '{"v":1,"ticked":[broken';
  const said = [];
  assert.deepEqual(siteStore(box, [A], false, said).load(), ['a2']);
  const aside = Object.keys(box.items).find(k => k.startsWith('paperpick:site:v1:s1:corrupt:'));
  assert.equal(box.items[aside], '{"v":1,"ticked":[broken');
  assert.deepEqual(said[0], ['corrupt', aside]);
  assert.deepEqual(kept(box).ticked, ['a2']);
  // A list's unreadable key is set aside too, and said; the site's picks stand.
  box.items['paperpick:v1:a'] = '{broken';
  said.length = 0;
  assert.deepEqual(siteStore(box, [A], false, said).load(), ['a2']);
  assert.equal(said[0][0], 'corrupt');
  // Refused or full: said, and the picks kept in the page.
  said.length = 0;
  assert.deepEqual(createSiteStore({ site: 's1', lists: [A] }, k => said.push(k), () => { throw new Error('no'); }).load(), ['a1']);
  assert.deepEqual(said, ['refused']);
});

test('the page of all lists knows each paper\'s list', () => {
  const data = { lists: [['a', 'Alpha', 2], ['b', 'Beta', 1, ['x2']]], papers: [{ id: 'x1', ticked: 1 }, { id: 'x2' }, { id: 'y1' }] };
  const lists = pageLists(data, ['x1', 'x2', 'y1']);
  assert.deepEqual(lists.map(l => [l.slug, l.ids, l.x]), [['a', ['x1', 'x2'], ['x1']], ['b', ['y1', 'x2'], []]]);
  assert.deepEqual(listTitles(lists), ['Alpha', 'Alpha', 'Beta']);
  const one = pageLists({ slug: 'a', title: 'Alpha', papers: [{ id: 'x1' }] }, ['x1']);
  assert.deepEqual(one.map(l => [l.slug, l.ids, l.x, l.n]), [['a', ['x1'], [], 1]]);
});
