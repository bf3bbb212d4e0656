/* paperpick share: pure logic (no DOM) for share links, imports and the BibTeX and
   Markdown downloads; mirrors generator/export.py (tests/fixtures/writers keeps them equal). */
(function (root) {
  'use strict';

  // --- share links -------------------------------------------------------
  //
  // A link's fragment is "#s=<base64url bytes>" (then "&by=<name>" when the sharer gave
  // one). The bytes: one byte (version << 4 | mode), the list's 4-byte fingerprint, the
  // picks, one check byte (FNV-1a of the rest), so a damaged link is told from a real one.
  //
  // Modes (every count and gap is Rice-coded, the Rice parameter chosen per link):
  //   2 PREFIX   the picks' ids themselves: the k-bit prefixes of their base32 values,
  //              sorted and gap-coded. k is the fewest bits that tell each pick from every
  //              other paper of the sharer's list (at least 16). This works on ANY version
  //              of the list: a prefix that matches no paper here, or more than one, is
  //              counted and reported, never silently dropped or guessed.
  //   0 BITSET   one bit per paper of the list's ids in sorted order.
  //   1 INDEX    the sorted positions of the picks in that order, gap-coded.
  // Positions only mean something on the very list they were made from (same
  // fingerprint); opened on another version, their picks can only be counted as
  // unmatched. So links use PREFIX, which stays well inside the budget (76-paper list,
  // all ticked: 155 characters; 10,000 papers with 500 picks: 1,230-1,500), and fall back to
  // the shorter of BITSET and INDEX only when PREFIX would pass PREFIX_BUDGET characters
  // (thousands of picks), dropping then the picks that are not in the list (counted).

  var VERSION = 1;
  var BITSET = 0, INDEX = 1, PREFIX = 2;
  var PREFIX_BUDGET = 1900;
  var MIN_K = 16, MAX_K = 48;
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var B32 = 'abcdefghijklmnopqrstuvwxyz234567';

  function b64encode(bytes) {
    var out = '';
    for (var i = 0; i < bytes.length; i += 3) {
      var n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      var len = Math.min(4, Math.ceil((bytes.length - i) * 4 / 3));
      for (var j = 0; j < len; j++) out += B64.charAt((n >> (18 - 6 * j)) & 63);
    }
    return out;
  }

  function b64decode(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
    var bytes = [], acc = 0, bits = 0;
    for (var i = 0; i < text.length; i++) {
      acc = (acc << 6 | B64.indexOf(text.charAt(i))) & 0xffffff;
      bits += 6;
      if (bits >= 8) { bits -= 8; bytes.push((acc >> bits) & 255); }
    }
    return bytes;
  }

  function check(bytes) {
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
    return (h ^ (h >>> 8) ^ (h >>> 16) ^ (h >>> 24)) & 255;
  }

  function Bits() { this.bytes = []; this.n = 0; }
  Bits.prototype.bit = function (b) {
    if (!(this.n & 7)) this.bytes.push(0);
    if (b) this.bytes[this.bytes.length - 1] |= 128 >> (this.n & 7);
    this.n++;
  };
  Bits.prototype.num = function (v, width) {  // v < 2^53: arithmetic, not 32-bit ops
    for (var i = width - 1; i >= 0; i--) this.bit(Math.floor(v / Math.pow(2, i)) % 2);
  };
  Bits.prototype.rice = function (v, r) {
    var q = Math.floor(v / Math.pow(2, r));
    while (q--) this.bit(1);
    this.bit(0);
    this.num(v % Math.pow(2, r), r);
  };

  function Reader(bytes, start, end) { this.b = bytes; this.p = start * 8; this.end = end * 8; }
  Reader.prototype.bit = function () {
    if (this.p >= this.end) throw new Error('short');
    var v = (this.b[this.p >> 3] >> (7 - (this.p & 7))) & 1;
    this.p++;
    return v;
  };
  Reader.prototype.num = function (width) {
    var v = 0;
    for (var i = 0; i < width; i++) v = v * 2 + this.bit();
    return v;
  };
  Reader.prototype.rice = function (r) {
    var q = 0;
    while (this.bit()) q++;
    return q * Math.pow(2, r) + this.num(r);
  };

  /** Rice-code sorted distinct numbers: count (Rice 4), parameter (6 bits), then gaps. */
  function riceList(bits, values) {
    var gaps = values.map(function (v, i) { return i ? v - values[i - 1] - 1 : v; });
    if (gaps.some(function (g) { return g < 0; })) throw new Error('values must increase');
    var best = 0, bestCost = Infinity;
    for (var r = 0; r < 50; r++) {
      var cost = 0, p = Math.pow(2, r);
      for (var i = 0; i < gaps.length; i++) cost += Math.floor(gaps[i] / p);
      cost += gaps.length * (r + 1);
      if (cost < bestCost) { bestCost = cost; best = r; }
    }
    bits.rice(values.length, 4);
    bits.num(best, 6);
    gaps.forEach(function (g) { bits.rice(g, best); });
  }

  function readRiceList(reader, limit) {
    var n = reader.rice(4), r = reader.num(6), values = [], v = -1;
    if (n > 1e6) throw new Error('count');
    for (var i = 0; i < n; i++) {
      v += reader.rice(r) + 1;
      if (v >= limit) throw new Error('range');
      values.push(v);
    }
    return values;
  }

  /** The number formed by the first 10 base32 characters of an id (50 bits, zero-padded). */
  function idValue(id) {
    var v = 0;
    for (var i = 0; i < 10; i++) v = v * 32 + Math.max(0, B32.indexOf(id.charAt(i)));
    return v;
  }

  function prefixOf(id, k) { return Math.floor(idValue(id) / Math.pow(2, 50 - k)); }

  /** How many leading bits two ids share. */
  function commonBits(a, b) {
    var va = idValue(a), vb = idValue(b), n = 0;
    for (var p = Math.pow(2, 49); n < 50 && Math.floor(va / p) === Math.floor(vb / p); p /= 2) n++;
    return a === b ? 99 : n;
  }

  function fingerprintBytes(fp) {
    var out = [];
    for (var i = 0; i < 4; i++) out.push(parseInt(String(fp).substr(i * 2, 2), 16) || 0);
    return out;
  }

  function sortedUnique(list) {
    return list.slice().sort().filter(function (x, i, a) { return !i || a[i - 1] !== x; });
  }

  function pack(mode, fp, bits) {
    var bytes = [(VERSION << 4) | mode].concat(fingerprintBytes(fp), bits.bytes);
    bytes.push(check(bytes));
    return b64encode(bytes);
  }

  /**
   * Make the fragment (no '#') that carries picks: {ids: the list's ids, fingerprint,
   * picks, name?} -> {fragment, mode, left: picks not in the list and not carried}.
   */
  function encodeShare(opts) {
    var ids = sortedUnique(opts.ids), picks = sortedUnique(opts.picks);
    var all = sortedUnique(ids.concat(picks));
    var known = {};
    ids.forEach(function (id, i) { known[id] = i; });
    var tail = opts.name ? '&by=' + encodeURIComponent(String(opts.name).trim().slice(0, 60)) : '';
    var candidates = [];
    // PREFIX: fewest bits telling each pick from every neighbour in sorted order.
    // (base32 order is not string order: '2'-'7' come after 'z' here.)
    var byValue = function (a, b) { return idValue(a) - idValue(b) || (a < b ? -1 : a > b ? 1 : 0); };
    all.sort(byValue);
    var picked = {}, k = MIN_K;
    picks.forEach(function (id) { picked[id] = 1; });
    all.forEach(function (id, pos) {
      if (!picked[id]) return;
      if (pos > 0) k = Math.max(k, commonBits(all[pos - 1], id) + 1);
      if (pos + 1 < all.length) k = Math.max(k, commonBits(all[pos + 1], id) + 1);
    });
    if (k <= MAX_K) {
      var pb = new Bits();
      pb.num(k, 6);
      riceList(pb, picks.slice().sort(byValue).map(function (id) { return prefixOf(id, k); }));
      candidates.push({ fragment: 's=' + pack(PREFIX, opts.fingerprint, pb) + tail, mode: PREFIX, left: 0 });
      if (candidates[0].fragment.length <= PREFIX_BUDGET) return candidates[0];
    }
    var inList = picks.filter(function (id) { return id in known; });
    var left = picks.length - inList.length;
    var bb = new Bits();
    for (var i = 0; i < ids.length; i++) bb.bit(0);
    inList.forEach(function (id) { bb.bytes[known[id] >> 3] |= 128 >> (known[id] & 7); });
    while (bb.bytes.length && !bb.bytes[bb.bytes.length - 1]) bb.bytes.pop();
    candidates.push({ fragment: 's=' + pack(BITSET, opts.fingerprint, bb) + tail, mode: BITSET, left: left });
    var ib = new Bits();
    riceList(ib, inList.map(function (id) { return known[id]; }));
    candidates.push({ fragment: 's=' + pack(INDEX, opts.fingerprint, ib) + tail, mode: INDEX, left: left });
    return candidates.reduce(function (a, b) { return b.fragment.length < a.fragment.length ? b : a; });
  }

  /** Read "s" and "by" out of a fragment ("#s=..&by=.." or without '#'); null without "s". */
  function shareParams(hash) {
    var out = null, name = '';
    String(hash || '').replace(/^#/, '').split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      var key = eq < 0 ? part : part.slice(0, eq), val = eq < 0 ? '' : part.slice(eq + 1);
      if (key === 's') out = val;
      if (key === 'by') { try { name = decodeURIComponent(val); } catch (e) { name = ''; } }
    });
    return out === null ? null : { code: out, name: name.slice(0, 60) };
  }

  /** The fragment without its share parameters ('' when nothing else was there). */
  function stripShare(hash) {
    var rest = String(hash || '').replace(/^#/, '').split('&').filter(function (part) {
      return part && !/^(s|by)(=|$)/.test(part);
    });
    return rest.length ? '#' + rest.join('&') : '';
  }

  /**
   * Read a fragment against this list ({ids, fingerprint}): null when it holds no share;
   * {ok: false} when damaged or of an unknown version; else {ok: true, sameList, name,
   * ids: matched ids, total: picks in the link, unmatched, ambiguous}.
   */
  function decodeShare(hash, list) {
    var params = shareParams(hash);
    if (!params) return null;
    var bytes = b64decode(params.code);
    if (!bytes || bytes.length < 6 || check(bytes.slice(0, -1)) !== bytes[bytes.length - 1] ||
        bytes[0] >> 4 !== VERSION) return { ok: false };
    var mode = bytes[0] & 15;
    var fp = bytes.slice(1, 5).map(function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
    var sameList = fp === String(list.fingerprint).toLowerCase();
    var ids = sortedUnique(list.ids);
    var reader = new Reader(bytes, 5, bytes.length - 1);
    var result = { ok: true, sameList: sameList, name: params.name, ids: [], total: 0, unmatched: 0, ambiguous: 0 };
    try {
      if (mode === PREFIX) {
        var k = reader.num(6);
        if (k < 1 || k > MAX_K) throw new Error('k');
        var values = readRiceList(reader, Math.pow(2, k));
        var byPrefix = {};
        ids.forEach(function (id) {
          var p = prefixOf(id, k);
          (byPrefix[p] = byPrefix[p] || []).push(id);
        });
        values.forEach(function (v) {
          var hit = byPrefix[v] || [];
          if (hit.length === 1) result.ids.push(hit[0]);
          else if (hit.length) result.ambiguous++;
          else result.unmatched++;
        });
        result.total = values.length;
      } else if (mode === BITSET || mode === INDEX) {
        var positions = [];
        if (mode === INDEX) positions = readRiceList(reader, sameList ? ids.length : 1e6);
        else {
          for (var i = 0; i < (bytes.length - 6) * 8; i++) if (reader.bit()) positions.push(i);
          if (sameList && positions.length && positions[positions.length - 1] >= ids.length) throw new Error('range');
        }
        result.total = positions.length;
        if (sameList) result.ids = positions.map(function (p) { return ids[p]; });
        else result.unmatched = positions.length;
      } else return { ok: false };
    } catch (e) {
      return { ok: false };
    }
    if (mode !== BITSET && (bytes.length - 1) * 8 - reader.p >= 8) return { ok: false };
    result.ids = sortedUnique(result.ids);
    return result;
  }

  // --- Markdown and BibTeX writers (mirror generator/export.py) ---------------------------

  var STOP = 'a an the on of in for to towards toward and with from is are via at by do does'.split(' ');
  var MATH = /(?<!\\)\$[^$]*(?<!\\)\$/g;

  function asciiWords(text) {
    return String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^A-Za-z0-9]+/)
      .filter(Boolean);
  }

  function field(rec, names) {
    var fields = rec.fields || [];
    for (var i = 0; i < fields.length; i++) {
      if (names.indexOf(String(fields[i][0]).toLowerCase()) >= 0) return fields[i][1];
    }
    return '';
  }

  /** Split an Authors field: 'Last, First and Last, First', or names between , ; and 'and'. */
  function splitAuthors(value) {
    value = String(value || '').trim();
    var parts = value.split(/\s+and\s+/).map(function (p) { return p.trim(); });
    if (parts.length > 1 && parts.every(function (p) { return p.indexOf(',') >= 0; })) {
      return parts.filter(Boolean);
    }
    return value.split(/\s*[,;]\s*|\s+and\s+/).map(function (p) { return p.trim(); }).filter(Boolean);
  }

  function surname(author) {
    if (author.indexOf(',') >= 0) return author.split(',')[0];
    var w = author.split(/\s+/).filter(Boolean);
    return w.length ? w[w.length - 1] : '';
  }

  function keyBase(rec) {
    var authors = splitAuthors(field(rec, ['authors', 'author']));
    var sur = authors.length ? asciiWords(surname(authors[0])).join('') : '';
    var word = asciiWords(String(rec.title).replace(MATH, ' ')).filter(function (w) {
      return STOP.indexOf(w.toLowerCase()) < 0;
    })[0] || '';
    var year = asciiWords(rec.year || '').join('');
    var base = (sur ? sur + year + word : word + year).toLowerCase();
    return /^[a-z]/.test(base) ? base : 'paper' + base;
  }

  function balanced(text) {
    var depth = 0, prev = '';
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (prev !== '\\') {
        if (ch === '{') depth++;
        else if (ch === '}' && --depth < 0) return false;
      }
      prev = prev === '\\' ? '' : ch;
    }
    return depth === 0;
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
    return records.map(function (rec, i) {
      var key = bases.indexOf(bases[i]) === bases.lastIndexOf(bases[i]) ? bases[i] : bases[i] + '_' + rec.id;
      var lines = ['@inproceedings{' + key + ',', '  title = {' + bibText(rec.title, true) + '},'];
      var authors = splitAuthors(field(rec, ['authors', 'author']));
      if (authors.length) {
        lines.push('  author = {' + authors.map(function (a) { return bibText(a); }).join(' and ') + '},');
      }
      var book = [rec.venue, rec.year].filter(Boolean).join(' ');
      if (book) lines.push('  booktitle = {' + bibText(book) + '},');
      if (rec.year) lines.push('  year = {' + bibText(rec.year) + '},');
      if (rec.link) {
        lines.push('  url = {' + rec.link.replace(/\{/g, '%7B').replace(/\}/g, '%7D').replace(/ /g, '%20') + '},');
      }
      return lines.join('\n') + '\n}\n';
    }).join('\n');
  }

  /** The whole list ({title, notes}) in the shipped Markdown format, [x] on ticked ids. */
  function writeMarkdown(list, records, ticked) {
    var out = '# ' + list.title + '\n\n';
    (list.notes || []).forEach(function (n) { out += '> ' + n + '\n\n'; });
    records.forEach(function (rec, i) {
      out += '## ' + (i + 1) + '. ' + rec.title + '\n\n- [' + (ticked.has(rec.id) ? 'x' : ' ') + '] ' +
        (rec.link ? rec.title + ' | ' + rec.link : rec.title) + '\n\n';
      if (rec.link) out += '- **Link**: ' + rec.link + '\n\n';
      if (rec.venue) out += '- **Conference**: ' + rec.venue + '\n\n';
      if (rec.year) out += '- **Year**: ' + rec.year + '\n\n';
      (rec.fields || []).forEach(function (f) { out += '- **' + f[0] + '**: ' + f[1] + '\n\n'; });
      if (rec.abstract) {
        out += '<details>\n<summary><strong>Abstract</strong></summary>\n\n' + rec.abstract + '\n\n</details>\n\n';
      }
      out += '---\n\n';
    });
    return out;
  }

  /** The ticked papers' titles and links as a Markdown bullet list. */
  function markdownLinks(records) {
    return records.map(function (rec) {
      var title = rec.title.replace(/([\\[\]])/g, '\\$1');
      return rec.link ? '- [' + title + '](' + rec.link.replace(/([()])/g, '\\$1') + ')\n' : '- ' + rec.title + '\n';
    }).join('');
  }

  // --- import -------------------------------------------------------------------------------

  /** The form of a link that identifies its paper (mirrors parser.normalize_link). */
  function normalizeLink(link) {
    var m = /^([^:/?#]+):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(String(link || '').trim());
    if (!m) return String(link || '').trim();
    return m[1].toLowerCase() + '://' + m[2].toLowerCase() + m[3].replace(/\/+$/, '') + (m[4] ? '?' + m[4] : '');
  }

  /** Parse RFC 4180 CSV (BOM, CRLF or LF) into rows of cells. */
  function parseCSV(text) {
    text = String(text).replace(/^\ufeff/, '');
    var rows = [], row = [], cell = '', quoted = false, i = 0;
    while (i < text.length) {
      var ch = text.charAt(i);
      if (quoted) {
        if (ch === '"' && text.charAt(i + 1) === '"') { cell += '"'; i += 2; continue; }
        if (ch === '"') quoted = false; else cell += ch;
        i++;
        continue;
      }
      if (ch === '"' && cell === '') quoted = true;
      else if (ch === ',') { row.push(cell); cell = ''; }
      else if (ch === '\r' || ch === '\n') {
        row.push(cell); rows.push(row); row = []; cell = '';
        if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
      } else cell += ch;
      i++;
    }
    if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
    return rows;
  }

  function unguard(v) { return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v; }

  var TICK = /^\s*[-*+][ \t]+\[([ xX])\][ \t]*(.*)$/;
  var FIELD = /^\s*[-*+][ \t]+\*\*([^*\n]+?)(?::\*\*|\*\*[ \t]*:)[ \t]*(.*)$/;

  function unwrapLink(v) {
    v = v.trim();
    var md = /^\[(.+)\]\((\S+)\)$/.exec(v);
    if (md) return md[2];
    return v.charAt(0) === '<' && v.slice(-1) === '>' ? v.slice(1, -1).trim() : v;
  }

  /** The [x] entries of a Markdown list: [{title, link}]. */
  function markdownPicks(text) {
    var picks = [], entry = null, inDetails = false;
    function finish() { if (entry && entry.ticked) picks.push({ title: entry.title, link: entry.link || entry.tickLink }); }
    String(text).replace(/^\ufeff/, '').split(/\r\n|\r|\n/).forEach(function (line) {
      if (inDetails) { if (/<\/details\s*>/i.test(line)) inDetails = false; return; }
      if (/^\s*<details\b/i.test(line)) { inDetails = !/<\/details\s*>/i.test(line); return; }
      var h = /^(#{2,6})[ \t]+(.*?)[ \t#]*$/.exec(line);
      if (h) { finish(); entry = { title: h[2].replace(/^\d+[.)]?(\s+|$)/, '').trim(), link: '' }; return; }
      var t = TICK.exec(line);
      if (t) {
        if (!entry || entry.tick) { finish(); entry = { title: '', link: '' }; }
        entry.tick = true;
        entry.ticked = t[1] !== ' ';
        var rest = t[2].trim(), md = /^\[(.+)\]\((\S+)\)$/.exec(rest), bar = rest.lastIndexOf('|');
        if (md) { entry.tickTitle = md[1]; entry.tickLink = md[2]; }
        else if (bar >= 0 && /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(rest.slice(bar + 1).trim())) {
          entry.tickTitle = rest.slice(0, bar).trim(); entry.tickLink = rest.slice(bar + 1).trim();
        } else entry.tickTitle = rest;
        entry.title = entry.title || entry.tickTitle;
        return;
      }
      var f = entry && FIELD.exec(line);
      if (f && /^(link|url)$/i.test(f[1].trim()) && !entry.link) entry.link = unwrapLink(f[2]);
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
    var byId = {}, byLink = {}, byTitle = {};
    records.forEach(function (r) {
      byId[r.id] = r.id;
      if (r.link) byLink[normalizeLink(r.link)] = r.id;
      byTitle[String(r.title).split(/\s+/).join(' ').toLowerCase()] = r.id;
    });
    var found = [], total = 0, kind;
    text = String(text).replace(/^\ufeff/, '');
    var lines = text.split(/\r\n|\r|\n/);
    var isMd = /\.(md|markdown|txt)$/i.test(fileName || '') ||
      (!/\.csv$/i.test(fileName || '') && lines.some(function (l) { return TICK.test(l); }));
    if (isMd) {
      kind = 'md';
      markdownPicks(text).forEach(function (p) {
        total++;
        var id = p.link ? byLink[normalizeLink(p.link)] : byTitle[p.title.split(/\s+/).join(' ').toLowerCase()];
        if (id) found.push(id);
      });
    } else {
      var rows = parseCSV(text);
      if (!rows.length) return null;
      var head = rows[0].map(function (h) { return h.trim().toLowerCase(); });
      var col = head.indexOf('id') >= 0 ? head.indexOf('id') : head.indexOf('link');
      if (col < 0) return null;
      kind = 'csv';
      rows.slice(1).forEach(function (row) {
        if (row.length === 1 && row[0] === '') return;
        total++;
        var v = unguard((row[col] || '').trim());
        var id = head[col] === 'id' ? byId[v] : byLink[normalizeLink(v)];
        if (id) found.push(id);
      });
    }
    var ids = sortedUnique(found);
    return { kind: kind, ids: ids, total: total, unmatched: total - found.length };
  }

  var api = {
    encodeShare: encodeShare,
    decodeShare: decodeShare,
    shareParams: shareParams,
    stripShare: stripShare,
    b64encode: b64encode,
    b64decode: b64decode,
    writeBibtex: writeBibtex,
    writeMarkdown: writeMarkdown,
    markdownLinks: markdownLinks,
    normalizeLink: normalizeLink,
    parseCSV: parseCSV,
    markdownPicks: markdownPicks,
    importPicks: importPicks,
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.PaperpickShare = api;
})(this);
