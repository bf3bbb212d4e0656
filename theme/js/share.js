/* paperpick share: pure logic (no DOM) for share links, imports and the BibTeX and
   Markdown downloads; mirrors generator/export.py (tests/fixtures/writers keeps them equal). */
(function (root) {
  'use strict';

  // --- share links -------------------------------------------------------
  //
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

  var VERSION = 2, INDEX = 1, PREFIX = 2, BUDGET = 1900;
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var B32 = 'abcdefghijklmnopqrstuvwxyz234567';

  var uniq = list => [...new Set(list)].sort();
  var bin = (v, w) => w ? v.toString(2).padStart(w, '0') : '';
  var rice = (v, r) => '1'.repeat(v / 2 ** r) + '0' + bin(v % 2 ** r, r);
  var check = s => {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return (h ^ h >>> 8 ^ h >>> 16 ^ h >>> 24) & 255;
  };
  // The 50 bits of an id's first 10 base32 characters (zero-padded).
  var idBits = id => [...id.slice(0, 10).padEnd(10, 'a')].map(c => bin(Math.max(0, B32.indexOf(c)), 5)).join('');

  /** Rice-code sorted distinct numbers: count (Elias gamma), parameter (6 bits), then gaps. */
  function riceList(values) {
    var gaps = values.map((v, i) => i ? v - values[i - 1] - 1 : v), best = 0, least = Infinity;
    for (var r = 0; r < 50; r++) {
      var cost = gaps.length * (r + 1);
      gaps.forEach(g => { cost += Math.floor(g / 2 ** r); });
      if (cost < least) { least = cost; best = r; }
    }
    var c = (values.length + 1).toString(2);
    return '1'.repeat(c.length - 1) + '0' + c.slice(1) + bin(best, 6) + gaps.map(g => rice(g, best)).join('');
  }

  function pack(mode, fp, payload, tail) {
    var b = bin(VERSION * 4 + mode, 6) + bin(parseInt(String(fp).slice(0, 8), 16) || 0, 32) + payload;
    b += '0'.repeat((6 - (b.length + 8) % 6) % 6);
    b += bin(check(b), 8);
    return { fragment: 's=' + b.match(/.{6}/g).map(s => B64[parseInt(s, 2)]).join('') + tail, mode: mode, left: 0 };
  }

  /**
   * Make the fragment (no '#') that carries picks: {ids: the list's ids, fingerprint,
   * picks, name?} -> {fragment, mode, left: picks not in the list and not carried}.
   */
  function encodeShare(o) {
    var ids = uniq(o.ids), picks = new Set(o.picks);
    var tail = o.name ? '&by=' + encodeURIComponent(String(o.name).trim().slice(0, 60)) : '';
    // Sorted by their bits (base32 order is not string order), ties by id.
    var all = uniq([...ids, ...picks]).map(id => idBits(id) + ' ' + id).sort();
    var k = 16, best = null;
    all.forEach((a, i) => {
      var b = all[i + 1], c = 0;
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
    var pos = [];
    ids.forEach((id, i) => picks.has(id) && pos.push(i));
    var index = pack(INDEX, o.fingerprint, riceList(pos), tail);
    index.left = picks.size - pos.length;
    return best && best.fragment.length <= index.fragment.length ? best : index;
  }

  /** Read "s" and "by" out of a fragment ("#s=..&by=.." or without '#'); null without "s". */
  function shareParams(hash) {
    var code = null, name = '';
    String(hash || '').replace(/^#/, '').split('&').forEach(part => {
      var eq = part.indexOf('='), val = eq < 0 ? '' : part.slice(eq + 1);
      part = eq < 0 ? part : part.slice(0, eq);
      if (part === 's') code = val;
      if (part === 'by') { try { name = decodeURIComponent(val); } catch (e) { name = ''; } }
    });
    return code === null ? null : { code: code, name: name.slice(0, 60) };
  }

  /** The fragment without its share parameters ('' when nothing else was there). */
  function stripShare(hash) {
    var rest = String(hash || '').replace(/^#/, '').split('&').filter(p => p && !/^(s|by)(=|$)/.test(p));
    return rest.length ? '#' + rest.join('&') : '';
  }

  /**
   * Read a fragment against this list ({ids, fingerprint}): null when it holds no share;
   * {ok: false} when damaged or of an unknown version; else {ok: true, sameList, name,
   * ids: matched ids, total: picks in the link, unmatched, ambiguous}.
   */
  function decodeShare(hash, list) {
    var q = shareParams(hash), bad = { ok: false };
    if (!q) return null;
    if (!/^[\w-]*$/.test(q.code)) return bad;
    var b = [...q.code].map(c => bin(B64.indexOf(c), 6)).join(''), p = 0;
    var body = b.slice(0, -8);
    if (b.length < 48 || check(body) !== parseInt(b.slice(-8), 2)) return bad;
    var take = w => {
      if ((p += w) > body.length) throw 0;
      return w ? parseInt(body.slice(p - w, p), 2) : 0;
    };
    var unary = () => {
      var end = body.indexOf('0', p), n = end - p;
      if (end < 0) throw 0;
      p = end + 1;
      return n;
    };
    var readRice = r => unary() * 2 ** r + take(r);
    var readList = limit => {
      var c = unary(), n = 2 ** c + take(c) - 1, r = take(6), out = [], v = -1;
      if (n > 1e6) throw 0;
      while (n--) {
        if ((v += readRice(r) + 1) >= limit) throw 0;
        out.push(v);
      }
      return out;
    };
    var ids = uniq(list.ids), res = { ok: true, name: q.name, ids: [], total: 0, unmatched: 0, ambiguous: 0 };
    try {
      var head = take(6), mode = head & 3;
      res.sameList = bin(take(32), 32) === bin(parseInt(String(list.fingerprint).slice(0, 8), 16) || 0, 32);
      if (head >> 2 !== VERSION) return bad;
      if (mode === PREFIX) {
        var k = take(6), by = {};
        if (!k || k > 48) throw 0;
        ids.forEach(id => { var x = idBits(id).slice(0, k); (by[x] = by[x] || []).push(id); });
        var values = readList(2 ** k);
        values.forEach(v => {
          var hit = by[bin(v, k)] || [];
          if (hit.length === 1) res.ids.push(hit[0]);
          else res[hit.length ? 'ambiguous' : 'unmatched']++;
        });
        res.total = values.length;
      } else if (mode === INDEX) {
        var pos = readList(res.sameList ? ids.length : 1e6);
        res.total = pos.length;
        if (res.sameList) res.ids = pos.map(i => ids[i]);
        else res.unmatched = pos.length;
      } else return bad;
    } catch (e) {
      return bad;
    }
    if (body.length - p >= 6 || body.indexOf('1', p) >= 0) return bad;
    res.ids = uniq(res.ids);
    return res;
  }

  // --- Markdown and BibTeX writers (mirror generator/export.py) ---------------------------

  var STOP = 'a an the on of in for to towards toward and with from is are via at by do does'.split(' ');
  var MATH = /(?<!\\)\$[^$]*(?<!\\)\$/g;
  var words = text => String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean);

  /** The record's Authors (or Author) field, split: 'Last, First and Last, First', or names
      between , ; and 'and'. */
  function authors(rec) {
    var f = (rec.fields || []).find(f => /^authors?$/i.test(f[0])), value = String(f && f[1] || '').trim();
    var parts = value.split(/\s+and\s+/).map(p => p.trim());
    return (parts.length > 1 && parts.every(p => p.includes(',')) ? parts : value.split(/\s*[,;]\s*|\s+and\s+/))
      .map(p => p.trim()).filter(Boolean);
  }

  function keyBase(rec) {
    var first = authors(rec)[0] || '';
    var sur = first.includes(',') ? first.split(',')[0] : first.split(/\s+/).filter(Boolean).pop() || '';
    sur = words(sur).join('');
    var word = words(String(rec.title).replace(MATH, ' ')).filter(w => !STOP.includes(w.toLowerCase()))[0] || '';
    var year = words(rec.year || '').join('');
    var base = (sur ? sur + year + word : word + year).toLowerCase();
    return /^[a-z]/.test(base) ? base : 'paper' + base;
  }

  function balanced(text) {
    var depth = 0, prev = '';
    for (var ch of text) {
      if (prev !== '\\') {
        if (ch === '{') depth++;
        if (ch === '}' && --depth < 0) return false;
      }
      prev = prev === '\\' ? '' : ch;
    }
    return !depth;
  }

  function bibPlain(text, protect) {
    text = text.replace(/(?<!\\)([&%#_])/g, '\\$1').replace(/(?<!\\)\$/g, '\\$');
    return protect ? text.replace(/[^\s{}\\$:;,.?!()"]*[A-Z][^\s{}\\$:;,.?!()"]*/g, '{$&}') : text;
  }

  function bibText(text, protect) {
    text = String(text).split(/\s+/).filter(Boolean).join(' ');
    if (!balanced(text)) text = text.replace(/(?<!\\)([{}])/g, '\\$1');
    var out = '', pos = 0, m;
    MATH.lastIndex = 0;
    while ((m = MATH.exec(text))) {
      out += bibPlain(text.slice(pos, m.index), protect) + m[0];
      pos = m.index + m[0].length;
    }
    return out + bibPlain(text.slice(pos), protect);
  }

  /** One @inproceedings per record ({id, title, link, venue, year, fields}); LF line ends. */
  function writeBibtex(records) {
    var bases = records.map(keyBase);
    return records.map((rec, i) => {
      var b = bases[i], names = authors(rec), book = [rec.venue, rec.year].filter(Boolean).join(' ');
      var lines = ['@inproceedings{' + (bases.indexOf(b) === bases.lastIndexOf(b) ? b : b + '_' + rec.id) + ',',
        '  title = {' + bibText(rec.title, true) + '},'];
      if (names.length) lines.push('  author = {' + names.map(a => bibText(a)).join(' and ') + '},');
      if (book) lines.push('  booktitle = {' + bibText(book) + '},');
      if (rec.year) lines.push('  year = {' + bibText(rec.year) + '},');
      if (rec.link) lines.push('  url = {' + rec.link.replace(/\{/g, '%7B').replace(/\}/g, '%7D').replace(/ /g, '%20') + '},');
      return lines.join('\n') + '\n}\n';
    }).join('\n');
  }

  /** The whole list ({title, notes}) in the shipped Markdown format, [x] on ticked ids. */
  function writeMarkdown(list, records, ticked) {
    var out = '# ' + list.title + '\n\n';
    (list.notes || []).forEach(n => { out += '> ' + n + '\n\n'; });
    records.forEach((rec, i) => {
      var line = (s, v) => { if (v) out += '- **' + s + '**: ' + v + '\n\n'; };
      out += '## ' + (i + 1) + '. ' + rec.title + '\n\n- [' + (ticked.has(rec.id) ? 'x' : ' ') + '] ' +
        (rec.link ? rec.title + ' | ' + rec.link : rec.title) + '\n\n';
      line('Link', rec.link);
      line('Conference', rec.venue);
      line('Year', rec.year);
      (rec.fields || []).forEach(f => { out += '- **' + f[0] + '**: ' + f[1] + '\n\n'; });
      if (rec.abstract) out += '<details>\n<summary><strong>Abstract</strong></summary>\n\n' + rec.abstract + '\n\n</details>\n\n';
      out += '---\n\n';
    });
    return out;
  }

  /** The ticked papers' titles and links as a Markdown bullet list. */
  var markdownLinks = records => records.map(rec => rec.link
    ? '- [' + rec.title.replace(/([\\[\]])/g, '\\$1') + '](' + rec.link.replace(/([()])/g, '\\$1') + ')\n'
    : '- ' + rec.title + '\n').join('');

  // --- import -------------------------------------------------------------------------------

  /** The form of a link that identifies its paper (mirrors parser.normalize_link). */
  function normalizeLink(link) {
    link = String(link || '').trim();
    var m = /^([^:/?#]+):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(link);
    return m ? m[1].toLowerCase() + '://' + m[2].toLowerCase() + m[3].replace(/\/+$/, '') + (m[4] ? '?' + m[4] : '') : link;
  }

  /** Parse RFC 4180 CSV (BOM, CRLF or LF) into rows of cells. */
  function parseCSV(text) {
    var rows = [], row = [], cell = '', quoted = false;
    text = String(text).replace(/^\ufeff/, '');
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (quoted) {
        if (ch !== '"') cell += ch;
        else if (text[i + 1] === '"') { cell += ch; i++; } else quoted = false;
      } else if (ch === '"' && !cell) quoted = true;
      else if (ch === ',') { row.push(cell); cell = ''; }
      else if (ch === '\r' || ch === '\n') {
        row.push(cell); rows.push(row); row = []; cell = '';
        if (ch === '\r' && text[i + 1] === '\n') i++;
      } else cell += ch;
    }
    if (cell || row.length) { row.push(cell); rows.push(row); }
    return rows;
  }

  var TICK = /^\s*[-*+][ \t]+\[([ xX])\][ \t]*(.*)$/;
  var FIELD = /^\s*[-*+][ \t]+\*\*([^*\n]+?)(?::\*\*|\*\*[ \t]*:)[ \t]*(.*)$/;
  var MDLINK = /^\[(.+)\]\((\S+)\)$/;
  var lines = text => String(text).replace(/^\ufeff/, '').split(/\r\n|\r|\n/);

  /** The [x] entries of a Markdown list: [{title, link}]. */
  function markdownPicks(text) {
    var picks = [], e = null, inDetails = false;
    var finish = () => { if (e && e.ticked) picks.push({ title: e.title, link: e.link || e.tickLink }); };
    lines(text).forEach(line => {
      if (inDetails) { inDetails = !/<\/details\s*>/i.test(line); return; }
      if (/^\s*<details\b/i.test(line)) { inDetails = !/<\/details\s*>/i.test(line); return; }
      var h = /^(#{2,6})[ \t]+(.*?)[ \t#]*$/.exec(line), t = TICK.exec(line), f = e && FIELD.exec(line);
      if (h) { finish(); e = { title: h[2].replace(/^\d+[.)]?(\s+|$)/, '').trim(), link: '' }; } else if (t) {
        if (!e || e.tick) { finish(); e = { title: '', link: '' }; }
        e.tick = true;
        e.ticked = t[1] !== ' ';
        var rest = t[2].trim(), md = MDLINK.exec(rest), bar = rest.lastIndexOf('|'), url = rest.slice(bar + 1).trim();
        if (md) { e.tickTitle = md[1]; e.tickLink = md[2]; }
        else if (bar >= 0 && /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(url)) { e.tickTitle = rest.slice(0, bar).trim(); e.tickLink = url; }
        else e.tickTitle = rest;
        e.title = e.title || e.tickTitle;
      } else if (f && /^(link|url)$/i.test(f[1].trim()) && !e.link) {
        var v = f[2].trim(), m = MDLINK.exec(v);
        e.link = m ? m[2] : v[0] === '<' && v.slice(-1) === '>' ? v.slice(1, -1).trim() : v;
      }
    });
    finish();
    return picks;
  }

  /**
   * Match an imported file against the list's records ({id, title, link}): a CSV by its Id
   * column, else its Link column; a Markdown list by the [x] entries' links (titles when
   * linkless). -> {kind, ids: matched ids, total, unmatched} or null when it is neither.
   */
  function importPicks(text, fileName, records) {
    var by = {}, found = [], total = 0, kind = 'csv', name = fileName || '';
    var title = s => 't ' + String(s).split(/\s+/).join(' ').toLowerCase();
    var link = s => 'l ' + normalizeLink(s);
    var add = key => { total++; if (by[key]) found.push(by[key]); };
    records.forEach(r => {
      by['i ' + r.id] = by[title(r.title)] = r.id;
      if (r.link) by[link(r.link)] = r.id;
    });
    if (/\.(md|markdown|txt)$/i.test(name) || (!/\.csv$/i.test(name) && lines(text).some(l => TICK.test(l)))) {
      kind = 'md';
      markdownPicks(text).forEach(p => add(p.link ? link(p.link) : title(p.title)));
    } else {
      var rows = parseCSV(text), head = (rows[0] || []).map(h => h.trim().toLowerCase());
      var col = head.indexOf('id') >= 0 ? head.indexOf('id') : head.indexOf('link');
      if (col < 0) return null;
      rows.slice(1).forEach(row => {
        if (row.length > 1 || row[0]) {
          var v = (row[col] || '').trim();
          v = /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
          add(head[col] === 'id' ? 'i ' + v : link(v));
        }
      });
    }
    return { kind: kind, ids: uniq(found), total: total, unmatched: total - found.length };
  }

  var api = {
    encodeShare, decodeShare, shareParams, stripShare, writeBibtex, writeMarkdown,
    markdownLinks, normalizeLink, parseCSV, markdownPicks, importPicks,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.PaperpickShare = api;
})(this);
