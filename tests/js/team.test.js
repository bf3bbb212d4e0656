// Unit tests of the team link (theme/src/codec.js) and the tally (theme/src/team.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as codec from '../../theme/src/codec.js';
import { agendaIcs, agendaMarkdown, tally, tallyRows } from '../../theme/src/team.js';
import { csvFor } from '../../theme/src/writers.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const bytes = s => Buffer.from(s, 'utf8');  // as a download writes it: a lone surrogate is U+FFFD

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const fingerprint = ids => crypto.createHash('sha256').update([...ids].sort().join('\n'), 'utf8').digest('hex').slice(0, 8);

/** A small deterministic random generator (mulberry32). */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function randomIds(n, seed) {
  const rand = rng(seed), seen = new Set();
  while (seen.size < n) seen.add(Array.from({ length: 8 }, () => B32[Math.floor(rand() * 32)]).join(''));
  return [...seen];
}
function sample(list, n, rand) {
  const copy = list.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}
const NAMES = ['Ana', 'Bo', 'Chen Wei', 'Dana', 'Émile', 'Farah', '李雷', 'Gus'];

/** 8 ballots of k picks each, a plan for 3 papers, round-tripped; the longest link. */
function roundTrips(ids, k, seeds) {
  let longest = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const rand = rng(seed), list = { ids, fingerprint: fingerprint(ids) };
    const ballots = NAMES.map(name => ({ name, ids: sample(ids, k, rand) }));
    const plan = {
      [ballots[0].ids[0]]: { who: 'Ana', at: '2026-12-03T15:00' },
      [ballots[1].ids[1]]: { who: 'Guest Speaker', at: '' },
      [ballots[2].ids[2]]: { who: '', at: '2027-01-14T09:30' },
    };
    const { fragment } = codec.encodeTeam({ ...list, ballots, plan });
    const got = codec.decodeTeam('#' + fragment, list);
    assert.equal(got.ok, true);
    assert.deepEqual(got.ballots.map(b => [b.name, b.ids]), ballots.map(b => [b.name, [...b.ids].sort()]));
    assert.deepEqual(got.plan, plan);
    longest = Math.max(longest, fragment.length + 1);
  }
  return longest;
}

test('team link: 8 ballots of 15 picks of the shipped-size list fit in 600 characters', () => {
  const longest = roundTrips(randomIds(76, 1), 15, 20);
  console.log('# 76 papers, 8 ballots x 15 picks + plan: longest fragment (with #):', longest);
  assert.ok(longest <= 600, String(longest));
});

test('team link: 8 ballots of 50 picks of a 10,000-paper list fit in 2,000 characters', () => {
  const longest = roundTrips(randomIds(10000, 2), 50, 3);
  console.log('# 10,000 papers, 8 ballots x 50 picks + plan: longest fragment (with #):', longest);
  assert.ok(longest <= 2000, String(longest));
});

test('team link from an older list: picks still there match, the rest are counted per ballot', () => {
  const old = randomIds(300, 5), now = old.slice(0, 250).concat(randomIds(20, 6));
  const ballots = [{ name: 'Ana', ids: old.slice(240, 260) }, { name: 'Bo', ids: old.slice(0, 3) }];
  const { fragment } = codec.encodeTeam({ ids: old, fingerprint: fingerprint(old), ballots, plan: {} });
  const got = codec.decodeTeam('#' + fragment, { ids: now, fingerprint: fingerprint(now) });
  assert.equal(got.sameList, false);
  assert.deepEqual(got.ballots[0].ids, old.slice(240, 250).sort());
  assert.equal(got.ballots[0].unmatched, 10);
  assert.deepEqual(got.ballots[1].ids, old.slice(0, 3).sort());
});

test('team link: names are untrusted, capped and decoded safely; damage is refused', () => {
  const ids = randomIds(50, 9), list = { ids, fingerprint: fingerprint(ids) };
  const long = 'x'.repeat(5000), rlo = '\u202egnp.exe';
  const { fragment } = codec.encodeTeam({ ...list, ballots: [{ name: long, ids: ids.slice(0, 2) }, { name: rlo, ids: ids.slice(1, 4) }] });
  const got = codec.decodeTeam('#' + fragment, list);
  assert.equal(got.ballots[0].name, 'x'.repeat(60));
  assert.equal(got.ballots[1].name, rlo);
  assert.deepEqual(codec.decodeTeam('#' + fragment.replace(/&n=.*/, '&n=%E0%A4%A'), list).ballots[0].name, '');
  const code = fragment.slice(2, fragment.indexOf('&'));
  for (let i = 0; i < code.length; i += 3) {
    const c = code[i] === 'A' ? 'B' : 'A';
    assert.equal(codec.decodeTeam('#t=' + code.slice(0, i) + c + code.slice(i + 1), list).ok, false, `char ${i}`);
  }
  assert.equal(codec.decodeTeam('#s=abc', list), null);
  // A share link is not a team link, and a team link is not a share link.
  assert.equal(codec.decodeShare('#s=' + code, list).ok, false);
  assert.equal(codec.stripShare('#' + fragment + '&q=1'), '#q=1');
});

// --- vectors shared with generator/codec.py and generator/team.py -------------------------------

test('links written down once read as recorded (tests/fixtures/links/, also generator/codec.py)', () => {
  const fx = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'links', 'links.json'), 'utf8'));
  for (const c of fx.cases) assert.deepEqual(codec[c.kind](c.fragment, fx.lists[c.list]), c.want, c.about);
});

for (const file of fs.readdirSync(path.join(FIXTURES, 'team')).filter(f => f.endsWith('.json')).sort()) {
  test(`tally CSV, agenda and calendar match vector ${file} (also generator/team.py)`, () => {
    const vec = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'team', file), 'utf8'));
    const votes = tally(vec.ballots), every = tallyRows(vec.papers, votes, vec.plan, true);
    assert.deepEqual(bytes(csvFor(vec.team_columns, tallyRows(vec.papers, votes, vec.plan, false))), bytes(vec.csv));
    assert.deepEqual(bytes(agendaMarkdown(vec.list.title, every)), bytes(vec.md));
    assert.deepEqual(bytes(agendaIcs(vec.list, every, vec.stamp)), bytes(vec.ics));
  });
}
