/* Share and team links: picks, ballots and a plan in a URL fragment, and back (pure). */

// A link's fragment is "#s=<base64url>" (then "&by=<name>" when the sharer gave one).
// The base64url text is a string of bits: 6 bits (version << 2 | mode), the list's
// 32-bit fingerprint, the picks, zero padding to whole characters, then 8 check bits
// (FNV-1a of all before), so a damaged link is told from a real one.
//
// Modes (every count and gap is Rice-coded, the Rice parameter chosen per link):
//   2 PREFIX  the picks' ids themselves: the k-bit prefixes of their base32 values
//             (6 bits of k, then the sorted prefixes gap-coded). k is the fewest bits
//             that tell each pick from every other paper of the sharer's list (at least
//             16). This works on ANY version of the list: a prefix that matches no
//             paper here, or more than one, is counted and reported, never dropped.
//   1 INDEX   the sorted positions of the picks among the list's sorted ids, gap-coded:
//             the bitset over the list's ids when picks are dense (Rice parameter 0
//             codes a gap g in g + 1 bits), shorter than a bitset when they are sparse.
// Positions only mean something on the very list they were made from (same
// fingerprint); elsewhere their picks are counted as unmatched. So links use PREFIX,
// and the shorter of the two only when PREFIX would pass BUDGET characters
// (thousands of picks), dropping then the picks that are not in the list (left).
// (Mode 0, a plain bitset, was left out: never more than 3% shorter than INDEX.)

// A team link's fragment is "#t=<base64url>&n=<names>": the same frame with version 3,
// the union of every ballot's picks coded as above (either mode), then the ballots: their
// count (Elias gamma) and for each one bit per paper of the union; then the plan: its
// count (gamma) and per entry the paper (its place in the union, in as few bits as the
// union needs), the presenter (gamma: 0 none, i the i-th name) and the date (a bit, then
// 24 bits of 5-minute steps since 2020-01-01 00:00, a local time). The names (the
// ballots', then presenters who are no ballot) follow in "n", each percent-encoded, joined
// by commas. Links of version 2 are share links (picks only) and open as today.

const VERSION = 2, TEAM = 3, INDEX = 1, PREFIX = 2, BUDGET = 1900, NAME = 60;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const EPOCH = Date.UTC(2020, 0, 1), STEP = 3e5;  // dates: 5-minute steps since 2020

export const uniq = list => [...new Set(list)].sort();
const bin = (v, w) => w ? v.toString(2).padStart(w, '0') : '';
const gamma = v => { const c = (v + 1).toString(2); return '1'.repeat(c.length - 1) + '0' + c.slice(1); };
const width = n => n > 1 ? (n - 1).toString(2).length : 0;  // bits for a place among n
const check = s => {
  let h = 0x811c9dc5;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(), 16777619);
  return (h ^ h >>> 8 ^ h >>> 16 ^ h >>> 24) & 255;
};
// The 50 bits of an id's first 10 base32 characters (zero-padded).
const idBits = id => [...id.slice(0, 10).padEnd(10, 'a')].map(c => bin(Math.max(0, B32.indexOf(c)), 5)).join('');
const fpValue = fp => parseInt(String(fp).slice(0, 8), 16) || 0;  // the list's, 32 bits

/** A name as it travels: trimmed and capped (whatever arrives is untrusted). */
export const cleanName = name => [...String(name || '').trim()].slice(0, NAME).join('');  // by characters, never half of one

/** Rice-code sorted distinct numbers: count (Elias gamma), parameter (6 bits), then gaps. */
function riceList(values) {
  const gaps = values.map((v, i) => i ? v - values[i - 1] - 1 : v);
  const cost = r => gaps.reduce((c, g) => c + Math.floor(g / 2 ** r), gaps.length * (r + 1));  // bits with parameter r
  let best = 0;
  for (let r = 1; r < 50; r++) if (cost(r) < cost(best)) best = r;
  return gamma(values.length) + bin(best, 6) + gaps.map(g => '1'.repeat(g / 2 ** best) + '0' + bin(g % 2 ** best, best)).join('');
}

/** Frame bits as a link's code: header, fingerprint, payload, padding, check bits. */
function frame(version, mode, fp, payload) {
  let b = bin(version * 4 + mode, 6) + bin(fpValue(fp), 32) + payload;
  b += '0'.repeat(5 - (b.length + 1) % 6);  // to whole characters with the 8 check bits
  b += bin(check(b), 8);
  return b.match(/.{6}/g).map(s => B64[parseInt(s, 2)]).join('');
}

/** The link of a set of picks on the page's list (o: {ids, fingerprint}): {fragment: the
    version's key ("s" or "t"), "=", the code, then tail; mode; left: picks not in the list
    and not carried}. The code holds the picks, then more(the picks in coded order). PREFIX
    works on any version of the list, the shorter INDEX only past the budget. */
function encode(o, picked, version, more, tail) {
  const ids = uniq(o.ids), picks = new Set(picked), out = [];
  const code = (mode, bits, order, left) => out.push({ fragment: (version > VERSION ? 't=' : 's=') + frame(version, mode, o.fingerprint, bits + more(order)) + tail, mode, left });
  // Sorted by their bits (base32 order is not string order), ties by id.
  const all = uniq([...ids, ...picks]).map(id => idBits(id) + ' ' + id).sort();
  let k = 16;
  all.reduce((a, b) => {  // each pick and its neighbours
    let c = 0;
    if (picks.has(a.slice(51)) || picks.has(b.slice(51))) {
      while (a[c] === b[c]) c++;
      k = Math.max(k, c + 1);
    }
    return b;
  }, '');
  if (k <= 48) {
    const mine = all.filter(a => picks.has(a.slice(51)));
    code(PREFIX, bin(k, 6) + riceList(mine.map(a => parseInt(a.slice(0, k), 2))), mine.map(a => a.slice(51)), 0);
  }
  const pos = [];
  ids.forEach((id, i) => picks.has(id) && pos.push(i));
  code(INDEX, riceList(pos), pos.map(i => ids[i]), picks.size - pos.length);
  const [a, b] = out;
  return b && a.fragment.length > BUDGET && b.fragment.length < a.fragment.length ? b : a;
}

/**
 * Make the fragment (no '#') that carries picks: {ids: the list's ids, fingerprint,
 * picks, name?} -> {fragment, mode, left: picks not in the list and not carried}.
 */
export function encodeShare(o) {
  const name = cleanName(o.name);
  return encode(o, o.picks, VERSION, () => '', name ? '&by=' + encodeURIComponent(name) : '');
}

/** A date 'YYYY-MM-DDTHH:MM' (local, as typed) in 5-minute steps since 2020, or -1. */
function dateSteps(when) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(when), s = m ? (Date.UTC(m[1], m[2] - 1, m[3], m[4], m[5]) - EPOCH) / STEP : -1;
  return s >= 0 && s < 2 ** 24 ? Math.floor(s) : -1;
}
const stepsDate = s => new Date(EPOCH + s * STEP).toISOString().slice(0, 16);

/**
 * Make a team link's fragment (no '#'): {ids, fingerprint, ballots: [{name, ids}],
 * plan: {id: {who, at}}} -> {fragment, mode, left: picks not in the list and not carried}.
 */
export function encodeTeam(o) {
  const ballots = o.ballots.map(b => ({ name: cleanName(b.name), ids: new Set(b.ids) }));
  const names = ballots.map(b => b.name);
  if (uniq(names).length < names.length) throw new Error('ballot names must differ');
  const plan = Object.entries(o.plan || {});
  plan.forEach(([, p]) => { if (p.who && !names.includes(cleanName(p.who))) names.push(cleanName(p.who)); });
  const union = uniq([...ballots.flatMap(b => [...b.ids]), ...plan.map(([id]) => id)]);
  return encode(o, union, TEAM, order => {
    const at = new Map(order.map((id, i) => [id, i])), w = width(order.length);
    const rows = plan.filter(([id]) => at.has(id));
    return gamma(ballots.length) + ballots.map(b => order.map(id => +b.ids.has(id)).join('')).join('') +
      gamma(rows.length) + rows.map(([id, p]) => {
        const s = dateSteps(p.at), who = p.who ? names.indexOf(cleanName(p.who)) + 1 : 0;
        return bin(at.get(id), w) + gamma(who)
 + (s < 0 ? '0' : '1' + bin(s, 24));
      }).join('');
  }, '&n=' + names.map(encodeURIComponent).join(','));
}

/** The parameters of a fragment ("#a=1&b=2" or without '#'), in order. */
const parts = hash => String(hash || '').replace(/^#/, '').split('&').filter(Boolean);
/** The parameters of a fragment: {name: raw value}. */
const params = hash => Object.fromEntries(parts(hash).map(part => /([^=]*)=?([^]*)/.exec(part).slice(1)));
const decodeName = v => { try { return cleanName(decodeURIComponent(v || '')); } catch { return ''; } };

/** The fragment without its share and team parameters ('' when nothing else was there),
    the triage a share link carries too (l1-l9, r, nt: triage-ui.js). */
export function stripShare(hash) {
  const rest = parts(hash).filter(p => !/^(s|by|t|n|l\d|r|nt)(=|$)/.test(p));
  return rest.length ? '#' + rest.join('&') : '';
}

/** A reader of a code's bits, its check bits verified; throws 0 when the code is none, its
    check fails, or it runs out. */
function bitReader(code) {
  if (!/^[\w-]*$/.test(code)) throw 0;
  const b = [...code].map(c => bin(B64.indexOf(c), 6)).join(''), body = b.slice(0, -8);
  if (b.length < 48 || check(body) !== parseInt(b.slice(-8), 2)) throw 0;
  let p = 0;
  const take = w => {
    if ((p += w) > body.length) throw 0;
    return w ? parseInt(body.slice(p - w, p), 2) : 0;
  };
  const unary = () => {
    const end = body.indexOf('0', p), n = end - p;
    if (end < 0) throw 0;
    p = end + 1;
    return n;
  };
  const gamma = () => {  // a count: more than a million is damage (no endless loop)
    const c = unary(), n = 2 ** c + take(c) - 1;
    if (n > 1e6) throw 0;
    return n;
  };
  const list = limit => {
    let n = gamma(), v = -1;
    const rr = take(6), out = [];
    while (n--) {
      if ((v += unary() * 2 ** rr + take(rr) + 1) >= limit) throw 0;
      out.push(v);
    }
    return out;
  };
  return { take, gamma, list, done: () => body.length - p < 6 && body.indexOf('1', p) < 0 };
}

/** Read a frame's header (throws unless of version v) and picks: {sameList, slots: the
    coded picks in order, each an id of this list, null (no paper here) or false (several
    papers here)}. */
function readPicks(r, list, v) {
  const ids = uniq(list.ids), mode = r.take(6) ^ v * 4;  // no mode when of another version
  const sameList = r.take(32) === fpValue(list.fingerprint);
  let limit = sameList ? ids.length : 1e6, slot = i => sameList ? ids[i] : null;  // INDEX
  if (mode === PREFIX) {
    const k = r.take(6), by = {};
    if (!k || k > 48) throw 0;
    ids.forEach(id => { const x = idBits(id).slice(0, k); by[x] = x in by ? false : id; });  // false: several papers
    limit = 2 ** k;
    slot = x => by[bin(x, k)] ?? null;
  } else if (mode !== INDEX) throw 0;
  return { sameList, slots: r.list(limit).map(slot) };
}

/** Tell what the coded picks matched here: {ids, total, unmatched, ambiguous}. */
const tallySlots = slots => ({
  ids: uniq(slots.filter(Boolean)), total: slots.length,
  unmatched: slots.filter(s => s === null).length, ambiguous: slots.filter(s => s === false).length,
});

/** Read a fragment's link of version v ("s=" or "t=" its code) against this list ({ids,
    fingerprint}): null when it holds none; {ok: false} when damaged or of another version;
    else {ok: true, sameList, ...rest(reader, slots, the fragment's parameters)}. */
function decode(hash, list, v, rest) {
  const p = params(hash), code = p[v > VERSION ? 't' : 's'];
  if (code == null) return null;
  try {
    const r = bitReader(code), got = readPicks(r, list, v), out = rest(r, got.slots, p);
    if (r.done()) return { ok: true, sameList: got.sameList, ...out };
  } catch { /* damaged: not a code, its check fails, it runs past its end or out of range */ }
  return { ok: false };
}

/**
 * Read a share link's fragment ("#s=..&by=.." or without '#'): as decode, with name, ids
 * (matched ids), total (picks in the link), unmatched, ambiguous.
 */
export const decodeShare = (hash, list) => decode(hash, list, VERSION, (r, slots, p) => ({ name: decodeName(p.by), ...tallySlots(slots) }));

/**
 * Read a team link's fragment: as decode, with ballots: [{name, ids, total, unmatched,
 * ambiguous}], plan: {id: {who, at}}.
 */
export const decodeTeam = (hash, list) => decode(hash, list, TEAM, (r, slots, p) => {
  const names = (p.n || '').split(',').map(decodeName), plan = {}, w = width(slots.length);
  const ballots = Array.from({ length: r.gamma() }, (_, i) => ({ name: names[i] || '', ...tallySlots(slots.filter(() => r.take(1))) }));
  for (let n = r.gamma(); n--;) {
    const at = r.take(w), who = r.gamma(), s = r.take(1) ? r.take(24) : -1;
    if (at >= slots.length || who > names.length) throw 0;
    if (slots[at]) plan[slots[at]] = { who: who ? names[who - 1] : '', at: s < 0 ? '' : stepsDate(s) };
  }
  return { ballots, plan };
});
