// Unit tests of the share codec, the importer and the writers (theme/src/) on node's test runner.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as codec from '../../theme/src/codec.js';
import * as importer from '../../theme/src/importer.js';
import * as writers from '../../theme/src/writers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const share = { ...codec, ...importer, ...writers };
const core = writers;
const VECTORS = path.join(ROOT, 'tests', 'fixtures', 'writers');
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes) {
  let out = '', acc = 0, bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b; bits += 8;
    while (bits >= 5) { bits -= 5; out += B32[(acc >> bits) & 31]; }
  }
  return out;
}

/** The id the parser gives a link (links of the shipped list are already normalized). */
function idOf(link) {
  return base32(crypto.createHash('sha256').update(link, 'utf8').digest()).slice(0, 8);
}

function fingerprint(ids) {
  return crypto.createHash('sha256').update([...ids].sort().join('\n'), 'utf8').digest('hex').slice(0, 8);
}

/** A small deterministic random generator (mulberry32). */
function rng(seed) {
  return function () {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomIds(n, seed) {
  const rand = rng(seed), seen = new Set();
  while (seen.size < n) {
    let id = '';
    for (let i = 0; i < 8; i++) id += B32[Math.floor(rand() * 32)];
    seen.add(id);
  }
  return [...seen];
}

function sample(list, n, seed) {
  const rand = rng(seed), copy = list.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

const shippedIds = fs.readFileSync(path.join(ROOT, 'icml2024_papers.md'), 'utf8')
  .split('\n').filter((l) => l.startsWith('- **Link**: ')).map((l) => idOf(l.slice(12).trim()));

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A link's code with another version in its first 4 bits and its check bits made right
    again (the format: see theme/src/codec.js). */
function withVersion(code, version) {
  let bits = [...code].map((c) => B64.indexOf(c).toString(2).padStart(6, '0')).join('').slice(0, -8);
  bits = (version * 4 + (parseInt(bits.slice(0, 6), 2) & 3)).toString(2).padStart(6, '0') + bits.slice(6);
  let h = 0x811c9dc5;
  for (const c of bits) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  bits += ((h ^ h >>> 8 ^ h >>> 16 ^ h >>> 24) & 255).toString(2).padStart(8, '0');
  return bits.match(/.{6}/g).map((s) => B64[parseInt(s, 2)]).join('');
}

function roundTrip(ids, picks, name) {
  const list = { ids, fingerprint: fingerprint(ids) };
  const link = share.encodeShare({ ...list, picks, name });
  const got = share.decodeShare('#' + link.fragment, list);
  return { link, got };
}

// --- writer vectors shared with the Python writers ------------------------------------------

for (const file of fs.readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort()) {
  const vec = JSON.parse(fs.readFileSync(path.join(VECTORS, file), 'utf8'));
  const ticked = new Set(vec.ticked);
  const records = vec.papers.filter((p) => ticked.has(p.id));
  test(`writers match vector ${file}: CSV (core.js)`, () => {
    assert.equal(core.csvFor(vec.page_columns, records), vec.csv);
  });
  test(`writers match vector ${file}: BibTeX`, () => {
    assert.equal(share.writeBibtex(records), vec.bibtex);
    assert.equal(share.writeBibtex(records, true), vec.bibtex_notes || vec.bibtex);
  });
  test(`writers match vector ${file}: Markdown`, () => {
    assert.equal(share.writeMarkdown(vec.list, vec.papers, ticked), vec.markdown);
    assert.equal(share.writeMarkdown(vec.list, records, ticked), vec.markdown_selected);
  });
  test(`vector ${file}: the Markdown reads back as the same picks`, () => {
    const got = share.importPicks(vec.markdown, 'list.md', vec.papers);
    assert.deepEqual(got.ids, [...vec.ticked].sort());
    assert.equal(got.unmatched, 0);
  });
  test(`vector ${file}: the CSV imports back as the same picks`, () => {
    if (!vec.columns.includes('Link') && !vec.columns.includes('Id')) return;
    const got = share.importPicks(vec.csv, 'picks.csv', vec.papers);
    assert.deepEqual(got.ids, [...vec.ticked].sort());
    assert.equal(got.total, vec.ticked.length);
  });
}

// --- share links: compactness, measured ------------------------------------------------------

test('shipped list: every selection size fits in under 200 characters', () => {
  assert.equal(shippedIds.length, 76);
  const lengths = {};
  for (const n of [0, 1, 5, 20, 38, 60, 75, 76]) {
    for (let seed = 1; seed <= 20; seed++) {
      const picks = sample(shippedIds, n, seed);
      const { link, got } = roundTrip(shippedIds, picks);
      assert.ok(link.fragment.length + 1 < 200, `${n} picks: ${link.fragment.length}`);
      assert.deepEqual(got.ids, [...picks].sort());
      assert.equal(got.unmatched + got.ambiguous, 0);
      lengths[n] = Math.max(lengths[n] || 0, link.fragment.length + 1);
    }
  }
  console.log('# shipped 76-paper list, longest fragment (with #) by picks:', JSON.stringify(lengths));
});

test('10,000-paper list: 500 picks fit in under 2,000 characters', () => {
  const ids = randomIds(10000, 7);
  let longest = 0;
  for (let seed = 1; seed <= 5; seed++) {
    const picks = sample(ids, 500, seed);
    const { link, got } = roundTrip(ids, picks, 'Ana');
    assert.equal(link.mode, 2);
    assert.ok(link.fragment.length + 1 < 2000, String(link.fragment.length));
    assert.deepEqual(got.ids, [...picks].sort());
    assert.equal(got.name, 'Ana');
    longest = Math.max(longest, link.fragment.length + 1);
  }
  console.log('# 10,000 papers, 500 picks: longest fragment (with #):', longest);
});

test('thousands of picks fall back to the shorter positional code on the same list', () => {
  const ids = randomIds(10000, 3);
  const picks = sample(ids, 6000, 4);
  const { link, got } = roundTrip(ids, picks);
  assert.equal(link.mode, 1);
  assert.equal(link.left, 0);
  assert.ok(link.fragment.length < 1800, String(link.fragment.length));
  assert.deepEqual(got.ids, [...picks].sort());
  // Positions cannot be matched on another list: counted, never guessed.
  const other = share.decodeShare('#' + link.fragment, { ids: ids.slice(1), fingerprint: '00000000' });
  assert.equal(other.ok, true);
  assert.equal(other.sameList, false);
  assert.deepEqual(other.ids, []);
  assert.equal(other.unmatched, 6000);
  console.log('# 10,000 papers, 6,000 picks (positional):', link.fragment.length + 1);
});

test('the positional code is never much longer than a bitset over the list', () => {
  const ids = randomIds(3000, 9);
  for (const n of [1500, 2500, 3000]) {
    const picks = sample(ids, n, 2);
    const { link, got } = roundTrip(ids, picks);
    assert.deepEqual(got.ids, [...picks].sort());
    assert.equal(link.mode, 1);
    // A bitset: 3,000 bits, 500 characters; plus "s=", header, fingerprint and check;
    // the gap code also carries its count (Rice, n / 16 bits), so allow 4%.
    assert.ok(link.fragment.length <= 1.04 * (2 + 500 + 8), `${n} picks: ${link.fragment.length}`);
  }
});

// --- share links: changed lists, damage, names ----------------------------------------------

test('a link from an older list matches what is still there and counts the rest', () => {
  const old = shippedIds.slice(0, 70);
  const picks = old.slice(0, 10);
  const link = share.encodeShare({ ids: old, fingerprint: fingerprint(old), picks });
  const now = old.filter((id) => id !== picks[3]).concat(shippedIds.slice(70));
  const got = share.decodeShare('#' + link.fragment, { ids: now, fingerprint: fingerprint(now) });
  assert.equal(got.ok, true);
  assert.equal(got.sameList, false);
  assert.equal(got.total, 10);
  assert.equal(got.unmatched, 1);
  assert.deepEqual(got.ids, picks.filter((id) => id !== picks[3]).sort());
});

test('picks that are not in the sharer list travel too (stored ticks of removed papers)', () => {
  const ids = shippedIds.slice(0, 50);
  const picks = [ids[0], shippedIds[60]];
  const link = share.encodeShare({ ids, fingerprint: fingerprint(ids), picks });
  const got = share.decodeShare('#' + link.fragment, { ids: shippedIds, fingerprint: fingerprint(shippedIds) });
  assert.deepEqual(got.ids, [...picks].sort());
});

test('a link of another list entirely matches nothing and says so', () => {
  const mine = randomIds(76, 11);
  const { link } = roundTrip(shippedIds, shippedIds.slice(0, 12));
  const got = share.decodeShare('#' + link.fragment, { ids: mine, fingerprint: fingerprint(mine) });
  assert.equal(got.ok, true);
  assert.equal(got.sameList, false);
  assert.equal(got.ids.length, 0);
  assert.equal(got.unmatched + got.ambiguous, 12);
});

test('damaged fragments are refused, not half-read', () => {
  const list = { ids: shippedIds, fingerprint: fingerprint(shippedIds) };
  const { fragment } = share.encodeShare({ ...list, picks: shippedIds.slice(0, 9) });
  const code = fragment.slice(2);
  const bad = [
    's=', 's=!!!!', 's=' + code.slice(0, -3), 's=' + code + 'AAAA', 's=A',
    's=' + (code[7] === 'Q' ? 'R' : 'Q').padStart(8, code.slice(0, 7)) + code.slice(8),
    's=' + withVersion(code, 7),  // unknown version, check bits right
    's=' + withVersion(code, 1),  // the old byte format
  ];
  assert.equal(share.decodeShare('#s=' + withVersion(code, 2), list).ok, true);
  for (const f of bad) assert.deepEqual(share.decodeShare('#' + f, list), { ok: false }, f);
  let flipped = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i] === 'A' ? 'B' : 'A';
    const got = share.decodeShare('#s=' + code.slice(0, i) + c + code.slice(i + 1), list);
    if (!got.ok) flipped++;
  }
  assert.ok(flipped >= code.length - 1, `${flipped} of ${code.length} one-character changes caught`);
  assert.equal(share.decodeShare('#q=robot', list), null);
  assert.equal(share.decodeShare('', list), null);
});

test('the sharer name is carried, trimmed and decoded safely', () => {
  const { link, got } = roundTrip(shippedIds, shippedIds.slice(0, 3), '  Ana & 李 <b>  ');
  assert.match(link.fragment, /&by=Ana%20%26%20%E6%9D%8E%20%3Cb%3E$/);
  assert.equal(got.name, 'Ana & 李 <b>');
  const bad = share.decodeShare('#' + link.fragment.replace(/&by=.*/, '&by=%E0%A4%A'), {
    ids: shippedIds, fingerprint: fingerprint(shippedIds),
  });
  assert.equal(bad.name, '');
  assert.equal(bad.ids.length, 3);
});

test('stripShare keeps other fragment parameters', () => {
  assert.equal(share.stripShare('#s=abc&by=Ana'), '');
  assert.equal(share.stripShare('#q=robot&s=abc'), '#q=robot');
  assert.equal(share.stripShare('#q=x&sx=1'), '#q=x&sx=1');
});

// --- import ------------------------------------------------------------------------------------

test('CSV import matches by Id, else by normalized Link, and counts the rest', () => {
  const records = [
    { id: 'aaaaaaaa', title: 'A', link: 'https://Example.org/a/' },
    { id: 'bbbbbbbb', title: '=B', link: 'https://example.org/b?x=1' },
  ];
  const byLink = '\ufeffTitle,Link\r\nA,https://example.org/a\r\n\'=B,https://EXAMPLE.org/b?x=1#f\r\nC,https://example.org/c\r\n';
  assert.deepEqual(share.importPicks(byLink, 'x.csv', records),
    { kind: 'csv', ids: ['aaaaaaaa', 'bbbbbbbb'], total: 3, unmatched: 1, tri: {} });
  const byId = 'Id,Title\nbbbbbbbb,"multi\nline"\nzzzzzzzz,gone\n';
  assert.deepEqual(share.importPicks(byId, 'x.csv', records),
    { kind: 'csv', ids: ['bbbbbbbb'], total: 2, unmatched: 1, tri: {} });
  assert.equal(share.importPicks('Title,Year\nA,2024\n', 'x.csv', records), null);
});

test('parseCSV reads quotes, doubled quotes, CRLF and embedded newlines', () => {
  assert.deepEqual(share.parseCSV('a,"b,""c"""\r\n"x\r\ny",\r\n'), [['a', 'b,"c"'], ['x\r\ny', '']]);
});

test('Markdown import takes [x] entries by Link field, tick URL or title', () => {
  const text = '# L\n\n## 1. One\n\n- [x] One | https://example.org/1\n\n- **Link**: <https://example.org/one>\n\n' +
    '## 2. Two\n\n- [ ] Two | https://example.org/2\n\n<details>\n- [x] Fake | https://example.org/3\n</details>\n\n' +
    '- [X] Three | https://example.org/3\n- [x] Linkless\n- [x] Gone | https://example.org/gone\n';
  const records = [
    { id: 'one', title: 'One', link: 'https://example.org/one' },
    { id: 'two', title: 'Two', link: 'https://example.org/2' },
    { id: 'three', title: 'Three', link: 'https://example.org/3' },
    { id: 'linkless', title: 'Linkless', link: '' },
  ];
  assert.deepEqual(share.importPicks(text, 'l.md', records),
    { kind: 'md', ids: ['linkless', 'one', 'three'], total: 4, unmatched: 1, tri: {} });
});

test("Import of the page's CSV and Markdown gives back the labels, notes and read marks", () => {
  const records = [
    { id: 'aaaaaaaa', title: 'A', link: 'https://example.org/a', venue: '', year: '', fields: [], abstract: '' },
    { id: 'bbbbbbbb', title: 'B', link: 'https://example.org/b', venue: '', year: '', fields: [], abstract: '' },
    { id: 'cccccccc', title: 'C', link: 'https://example.org/c', venue: '', year: '', fields: [], abstract: '' },
  ];
  const kept = [
    { ...records[0], label: 'must-read', note: '=1+1, "why"', read: 'yes' },
    { ...records[1], label: '', note: '', read: '' },
    { ...records[2], label: 'maybe', note: '', read: '' },
  ];
  const columns = [['Title', 'title'], ['Link', 'link'], ['Label', 'label'], ['Note', 'note'], ['Read', 'read']];
  const want = { aaaaaaaa: ['must-read', '=1+1, "why"', 1], cccccccc: ['maybe', '', 0] };
  // the CSV holds the ticked papers; the whole list's Markdown every paper, ticked or not
  assert.deepEqual(share.importPicks(share.csvFor(columns, kept), 'x.csv', records),
    { kind: 'csv', ids: ['aaaaaaaa', 'bbbbbbbb', 'cccccccc'], total: 3, unmatched: 0, tri: want });
  const md = share.writeMarkdown({ title: 'L', notes: [] }, kept, new Set(['bbbbbbbb']));
  assert.deepEqual(share.importPicks(md, 'list.md', records),
    { kind: 'md', ids: ['bbbbbbbb'], total: 1, unmatched: 0, tri: want });
});

test('markdownLinks writes a bullet per paper with escaped brackets', () => {
  assert.equal(share.markdownLinks([{ title: 'A [b]', link: 'https://x.org/(1)' }, { title: 'C', link: '' }]),
    '- [A \\[b\\]](https://x.org/\\(1\\))\n- C\n');
});
