/* Share links: the picks of a list in a URL fragment, and back (pure). */

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

const VERSION = 2, INDEX = 1, PREFIX = 2, BUDGET = 1900;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

export const uniq = list => [...new Set(list)].sort();
const bin = (v, w) => w ? v.toString(2).padStart(w, '0') : '';
const rice = (v, r) => '1'.repeat(v / 2 ** r) + '0' + bin(v % 2 ** r, r);
const check = s => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h ^ h >>> 8 ^ h >>> 16 ^ h >>> 24) & 255;
};
// The 50 bits of an id's first 10 base32 characters (zero-padded).
const idBits = id => [...id.slice(0, 10).padEnd(10, 'a')].map(c => bin(Math.max(0, B32.indexOf(c)), 5)).join('');

/** Rice-code sorted distinct numbers: count (Elias gamma), parameter (6 bits), then gaps. */
function riceList(values) {
  const gaps = values.map((v, i) => i ? v - values[i - 1] - 1 : v);
  let best = 0, least = Infinity;
  for (let r = 0; r < 50; r++) {
    let cost = gaps.length * (r + 1);
    gaps.forEach(g => { cost += Math.floor(g / 2 ** r); });
    if (cost < least) { least = cost; best = r; }
  }
  const c = (values.length + 1).toString(2);
  return '1'.repeat(c.length - 1) + '0' + c.slice(1) + bin(best, 6) + gaps.map(g => rice(g, best)).join('');
}

function pack(mode, fp, payload, tail) {
  let b = bin(VERSION * 4 + mode, 6) + bin(parseInt(String(fp).slice(0, 8), 16) || 0, 32) + payload;
  b += '0'.repeat((6 - (b.length + 8) % 6) % 6);
  b += bin(check(b), 8);
  return { fragment: 's=' + b.match(/.{6}/g).map(s => B64[parseInt(s, 2)]).join('') + tail, mode: mode, left: 0 };
}

/**
 * Make the fragment (no '#') that carries picks: {ids: the list's ids, fingerprint,
 * picks, name?} -> {fragment, mode, left: picks not in the list and not carried}.
 */
export function encodeShare(o) {
  const ids = uniq(o.ids), picks = new Set(o.picks);
  const tail = o.name ? '&by=' + encodeURIComponent(String(o.name).trim().slice(0, 60)) : '';
  // Sorted by their bits (base32 order is not string order), ties by id.
  const all = uniq([...ids, ...picks]).map(id => idBits(id) + ' ' + id).sort();
  let k = 16, best = null;
  all.forEach((a, i) => {
    const b = all[i + 1];
    let c = 0;
    if (b && (picks.has(a.slice(51)) || picks.has(b.slice(51)))) {
      while (c < 50 && a[c] === b[c]) c++;
      k = Math.max(k, c + 1);
    }
  });
  if (k <= 48) {
    best = pack(PREFIX, o.fingerprint, bin(k, 6) +
      riceList(all.filter(a => picks.has(a.slice(51))).map(a => parseInt(a.slice(0, k), 2))), tail);
    if (best.fragment.length <= BUDGET) return best;
  }
  const pos = [];
  ids.forEach((id, i) => picks.has(id) && pos.push(i));
  const index = pack(INDEX, o.fingerprint, riceList(pos), tail);
  index.left = picks.size - pos.length;
  return best && best.fragment.length <= index.fragment.length ? best : index;
}

/** Read "s" and "by" out of a fragment ("#s=..&by=.." or without '#'); null without "s". */
export function shareParams(hash) {
  let code = null, name = '';
  String(hash || '').replace(/^#/, '').split('&').forEach(part => {
    const eq = part.indexOf('='), val = eq < 0 ? '' : part.slice(eq + 1);
    part = eq < 0 ? part : part.slice(0, eq);
    if (part === 's') code = val;
    if (part === 'by') { try { name = decodeURIComponent(val); } catch { name = ''; } }
  });
  return code === null ? null : { code: code, name: name.slice(0, 60) };
}

/** The fragment without its share parameters ('' when nothing else was there). */
export function stripShare(hash) {
  const rest = String(hash || '').replace(/^#/, '').split('&').filter(p => p && !/^(s|by)(=|$)/.test(p));
  return rest.length ? '#' + rest.join('&') : '';
}

/**
 * Read a fragment against this list ({ids, fingerprint}): null when it holds no share;
 * {ok: false} when damaged or of an unknown version; else {ok: true, sameList, name,
 * ids: matched ids, total: picks in the link, unmatched, ambiguous}.
 */
export function decodeShare(hash, list) {
  const q = shareParams(hash), bad = { ok: false };
  if (!q) return null;
  if (!/^[\w-]*$/.test(q.code)) return bad;
  const b = [...q.code].map(c => bin(B64.indexOf(c), 6)).join('');
  let p = 0;
  const body = b.slice(0, -8);
  if (b.length < 48 || check(body) !== parseInt(b.slice(-8), 2)) return bad;
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
  const readRice = r => unary() * 2 ** r + take(r);
  const readList = limit => {
    const c = unary(), out = [];
    let n = 2 ** c + take(c) - 1, v = -1;
    const r = take(6);
    if (n > 1e6) throw 0;
    while (n--) {
      if ((v += readRice(r) + 1) >= limit) throw 0;
      out.push(v);
    }
    return out;
  };
  const ids = uniq(list.ids), res = { ok: true, name: q.name, ids: [], total: 0, unmatched: 0, ambiguous: 0 };
  try {
    const head = take(6), mode = head & 3;
    res.sameList = bin(take(32), 32) === bin(parseInt(String(list.fingerprint).slice(0, 8), 16) || 0, 32);
    if (head >> 2 !== VERSION) return bad;
    if (mode === PREFIX) {
      const k = take(6), by = {};
      if (!k || k > 48) throw 0;
      ids.forEach(id => { const x = idBits(id).slice(0, k); (by[x] = by[x] || []).push(id); });
      const values = readList(2 ** k);
      values.forEach(v => {
        const hit = by[bin(v, k)] || [];
        if (hit.length === 1) res.ids.push(hit[0]);
        else res[hit.length ? 'ambiguous' : 'unmatched']++;
      });
      res.total = values.length;
    } else if (mode === INDEX) {
      const pos = readList(res.sameList ? ids.length : 1e6);
      res.total = pos.length;
      if (res.sameList) res.ids = pos.map(i => ids[i]);
      else res.unmatched = pos.length;
    } else return bad;
  } catch {  // ran past the end or out of range: damaged
    return bad;
  }
  if (body.length - p >= 6 || body.indexOf('1', p) >= 0) return bad;
  res.ids = uniq(res.ids);
  return res;
}
