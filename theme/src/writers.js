/* The downloads: CSV, BibTeX and Markdown of paper records (pure). They mirror
   generator/export.py and generator/bibtex.py byte for byte; tests/fixtures/writers/ keeps the two from drifting. */

// --- CSV ------------------------------------------------------------------------------------

/** One cell by RFC 4180 (and quoted for ; and tab too, which spreadsheets split on), a
    leading formula character guarded with a quote mark. */
export function csvCell(value) {
  let s = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n;\t]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** A record's value for a column [name, key]: its key's (a section's headings joined),
    else its extra field of that name. */
function cellValue([name, key], rec) {
  const v = [].concat(rec[key] || '').join(' / ');
  return key && (v || key !== 'section') ? v : rec.fields?.find(f => f[0] === name)?.[1] ?? '';
}

/** The CSV file row by row, as the download makes it: the UTF-8 BOM and a header of the
    columns' names, then a row of each record (cells joined by commas, join's default), CRLF
    after every row. records may be made one by one: each becomes its row and is let go (a
    download's Blob is made several times faster of the rows than of one string). */
export function* csvRows(columns, records) {
  yield '\ufeff' + columns.map(c => csvCell(c[0])).join() + '\r\n';
  for (const rec of records) yield columns.map(c => csvCell(cellValue(c, rec))).join() + '\r\n';
}

/** The CSV file as one text. */
export const csvFor = (columns, records) => [...csvRows(columns, records)].join('');

// --- BibTeX (mirrors generator/bibtex.py) ---------------------------------------------------
// Text is read the way the page reads it (dollar math by dollarmath's rules, \emph{..}-like
// macros, Markdown's backslash escapes) and the rest escaped; braces balance as BibTeX counts
// them; capitals that a style must not lower-case are braced, word part by word part.

const STOP = 'a an the on of in for to towards toward and with from is are via at by do does'.split(' ');
const MATH = /(?<!\\)\$[^$]*(?<!\\)\$/g;
const asciiWords = text => String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
// The characters ~^\{} written as a macro, {\text<name>} (a brace only when it has no partner;
// else \{ \}); a name is looked up by the character's place, never by text as a key
const NAMED = 'asciitilde asciicircum backslash braceleft braceright'.split(' ');
const ET_AL = /^(?:et\.? al\.?|others)$/i;
const STYLE = /\\(textbf|textit|emph|texttt)\{([^{}$]*)\}/y;
const ORDINARY = /[^$\\{}&%#_~^]+/y;
const URL_VALUE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/;
const RESERVED = 'title author booktitle howpublished year url abstract key crossref type'.split(' ');
const fold = s => String(s).replace(/\s+/g, ' ').trim();
const upper = c => /\p{Lu}/u.test(c), letter = c => /\p{L}/u.test(c), alnum = c => /[\p{L}\p{N}]/u.test(c);
const capital = a => a.k === 'm' && /[A-Z]/.test(a.t);

/** \(..\) and \[..\] as $..$ and $$..$$ outside dollar math, as the page reads them. */
const delimiters = text => text.split('$').map((p, i) => i % 2 ? p : p.replace(/\\\(([\s\S]+?)\\\)/g, (m, t) => '$' + fold(t) + '$')
  .replace(/\\\[([\s\S]+?)\\\]/g, (m, t) => '$$' + fold(t) + '$$')).join('$');

/** Whether $...$ of folded text is prose between two dollar signs (prices), not math (generator/tex.py). */
const prose = tex => /(?<![\\A-Za-z])[A-Za-z]{3,} +[A-Za-z]{3,}(?![A-Za-z{])/
  .test(tex.replace(/\\(?:text[a-z]*|math[a-z]+|operatorname|mbox|emph)\s*\{[^{}]*\}/g, ''));

/** Inline math at the $ at pos by dollarmath's rules (generator/tex.py math_at): [end, tex].
    It closes at the first unescaped $ (or $$ after $$), the single $ not after a space (src is
    folded: a space is its only whitespace). */
function mathAt(src, pos) {
  const escaped = p => /\\*$/.exec(src.slice(0, p))[0].length % 2, d = +(src[pos + 1] === '$');
  let end = pos + 1 + d;
  if (src[pos + 1] === ' ' || escaped(pos)) return null;  // (at the end: no closing $ either)
  while ((end = src.indexOf(d ? '$$' : '$', end)) >= 0 && escaped(end)) end++;
  const tex = src.slice(pos + 1 + d, end);
  return end < 0 || !d && src[end - 1] === ' ' || !tex || prose(tex) ? null : [end + d, tex];
}

/** Whether braces balance as BibTeX counts them (a backslash does not hide one). */
function bibtexBalanced(text) {
  let depth = 0;
  for (const ch of text) if ((depth += (ch === '{') - (ch === '}')) < 0) return false;
  return !depth;
}

/** The atoms of text ({t, k}: a character (no k), a space, math, a kept macro); with runs,
    ordinary characters come as one atom per run. */
function readAtoms(text, runs) {
  const atoms = [];
  text = fold(delimiters(String(text)));
  for (let pos = 0, m; pos < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(pos)), found = ch === '$' && mathAt(text, pos);
    STYLE.lastIndex = ORDINARY.lastIndex = pos;
    if (found) {
      const tex = found[1].trim();  // (the text is folded: spaces only)
      if (tex && bibtexBalanced(found[1])) atoms.push({ k: 'm', t: '$' + tex.replace(tex.includes('\\begin') ? /(?<!\\)([%#])/g : /(?<!\\)([%#&])/g, '\\$1') + '$' });
      else atoms.push(...Array.from(text.slice(pos, found[0] + 1), t => ({ t })));
      pos = found[0] + 1;
    } else if (ch === '\\' && /[!-/:-@[-`{-~]/.test(text[pos + 1])) {
      atoms.push({ t: text[pos + 1] });
      pos += 2;
    } else if ((m = ch === '\\' && STYLE.exec(text) || runs && ORDINARY.exec(text))) {
      atoms.push(m[1] ? { k: 'x', t: '\\' + m[1] + '{' + bibtexText(m[2]) + '}' } : { t: m[0] });
      pos += m[0].length;
    } else {
      atoms.push(ch === ' ' ? { k: 's', t: ch } : { t: ch });
      pos += ch.length;
    }
  }
  return atoms;
}

/** Whether a style's lower-casing would harm this word part (CLIP, ViT, Q&A, I). */
function needsBraces(part) {
  if (part.some(capital)) return true;
  const an = part.filter(a => !a.k && alnum(a.t)).map(a => a.t).join(''), letters = Array.from(an).filter(letter);
  return letters.length === 1 ? upper(letters[0]) && an !== 'A' : letters.slice(1).some(upper);
}

/** Brace what a style must not lower-case: in word parts (split at spaces and hyphens) that
    need it, runs of letters and digits holding a capital (a.keep), and math holding one. */
function protect(atoms) {
  let part = [];
  atoms.concat({ k: 's' }).forEach(a => {
    if (a.k !== 's' && (a.k || a.t !== '-')) return part.push(a);
    if (needsBraces(part)) {
      let run = [];
      part.concat({ k: 's' }).forEach(b => {
        if (capital(b)) b.t = '{' + b.t + '}';
        if (!b.k && alnum(b.t)) return run.push(b);
        if (run.some(c => upper(c.t))) run.forEach(c => { c.keep = 1; });
        run = [];
      });
    }
    part = [];
  });
}

/** Text as a BibTeX value: specials escaped, math kept, capitals braced when protect; a
    literal brace is \{ \} when paired, else {\textbraceleft} {\textbraceright}. */
function bibtexText(text, braced) {
  const atoms = readAtoms(text, !braced), opened = [];
  let out = '', inside;
  if (braced) protect(atoms);
  atoms.forEach(a => {
    if (a.k) return;
    if (a.t === '{') opened.push(a);
    if (a.t === '}' && opened.length) opened.pop().f = '\\{', a.f = '\\}';
  });
  atoms.forEach(a => {
    const n = '~^\\{}'.indexOf(a.t);
    if (!inside !== !a.keep) {
      inside = a.keep;
      out += inside ? '{' : '}';
    }
    out += a.k ? a.t : a.f || (n < 0 ? a.t.replace(/[&%$#_]/, '\\$&') : '{\\text' + NAMED[n] + '}');
  });
  return inside ? out + '}' : out;
}

/** Percent-encode a character (what breaks a URL in BibTeX or a Markdown link, or is no URI character). */
export const pct = c => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
const bibtexUrl = url => url.replace(/[{}\\ ]/g, pct);
const fieldName = name => String(name).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** An Authors field split: 'Last, First and Last, First', or names between , ; and 'and'. */
function splitAuthors(value) {
  value = fold(value);
  const parts = value.split(' and ');  // (folded: one space between words)
  return (parts.length > 1 && parts.every(p => p.includes(',') || ET_AL.test(p)) ? parts
    : value.split(/ ?[,;] ?| and /)).filter(Boolean);
}

/** The names in the record's Authors (or Author) fields, in order. */
export const authors = rec => (rec.fields || []).filter(f => /^authors?$/.test(fieldName(f[0]))).flatMap(f => splitAuthors(f[1]));

/** The key, from the paper alone (names: its authors): surname, year, first significant title
    word, then its id. */
function bibtexKey(rec, names) {
  const first = names.find(a => !ET_AL.test(a)) || '';
  const sur = asciiWords(first.includes(',') ? first.split(',')[0] : first.split(' ').pop()).join('');
  const word = asciiWords(String(rec.title).replace(MATH, ' ')).find(w => !STOP.includes(w.toLowerCase())) || '';
  const year = asciiWords(rec.year || '').join('');
  const base = (sur ? sur + year + word : word + year).toLowerCase();
  return (/^[a-z]/.test(base) ? base : 'paper' + base) + '_' + rec.id;
}

/** One entry per record ({id, title, link, venue, year, abstract, fields}), LF line ends:
    @inproceedings with authors, venue and year, else @misc (venue as howpublished; without
    authors, a key to sort and label by); the extra fields (a URL verbatim) after, or in the
    note; with notes, a record's note first in its note field. */
export const writeBibtex = (records, notes) => records.map(rec => {
  const names = authors(rec), full = !!(names.length && rec.venue && rec.year), more = new Map(), note = [];
  if (notes && fold(rec.note || '')) note.push(bibtexText(rec.note));
  for (const [name, raw] of rec.fields || []) {
    const key = fieldName(name), value = fold(raw);
    if (/^authors?$/.test(key) || !value) continue;
    if (/^notes?$/.test(key)) note.push(bibtexText(raw));
    else if (RESERVED.includes(key) || !/^[a-z]/.test(key)) note.push(bibtexText(name + ': ' + raw));
    else more.set(key, (more.get(key) || []).concat(URL_VALUE.test(value) ? bibtexUrl(value) : bibtexText(value)));
  }
  return '@' + (full ? 'inproceedings' : 'misc') + '{' + bibtexKey(rec, names) + ',\n' + [['title', bibtexText(rec.title, true)],
    names.length && ['author', names.map(n => ET_AL.test(n) ? 'others' : bibtexText(n)).join(' and ')],
    full ? ['booktitle', bibtexText(rec.venue + ' ' + rec.year)] : rec.venue && ['howpublished', bibtexText(rec.venue)],
    rec.year && ['year', bibtexText(rec.year)],
    !names.length && ['key', bibtexText(rec.title)],
    rec.link && ['url', bibtexUrl(rec.link)],
    fold(rec.abstract || '') && ['abstract', bibtexText(rec.abstract)],
    note.length && ['note', note],
    ...more].filter(f => f[0]).map(([n, v]) => '  ' + n + ' = {' + [].concat(v).join('; ') + '},\n').join('') + '}\n';
}).join('\n');

// --- Markdown -------------------------------------------------------------------------------

/** The whole list ({title, notes}) in the shipped Markdown format, [x] on ticked ids; each
    record's section headings (up to 4 deep) before it, its own heading one level deeper. */
export function writeMarkdown(list, records, ticked) {
  let out = '', open = [];
  const put = s => { out += s + '\n\n'; }, line = (s, v, any) => (v || any) && put('- **' + s + '**: ' + v);
  put('# ' + list.title);
  (list.notes || []).forEach(n => put('> ' + n));
  records.forEach((rec, i) => {
    const sec = (rec.section || []).slice(0, 4);
    let fresh;  // the headings from the first that differs from the paper before's
    sec.forEach((h, k) => (fresh ||= open[k] !== h) && put('#'.repeat(2 + k) + ' ' + h));
    open = sec;
    put('#'.repeat(2 + sec.length) + ' ' + (i + 1) + '. ' + rec.title);
    put('- [' + (ticked.has(rec.id) ? 'x' : ' ') + '] ' + (rec.link ? rec.title + ' | ' + rec.link : rec.title));
    line('Link', rec.link);
    line('Conference', rec.venue);
    line('Year', rec.year);
    (rec.fields || []).forEach(f => line(f[0], f[1], 1));
    line('Label', rec.label);
    line('Note', rec.note);
    line('Read', rec.read);
    if (rec.abstract) put('<details>\n<summary><strong>Abstract</strong></summary>\n\n' + rec.abstract + '\n\n</details>');
    put('---');
  });
  return out;
}

/** The papers' titles and links as a Markdown bullet list. */
export const markdownLinks = records => records.map(rec => rec.link
  ? '- [' + rec.title.replace(/([\\[\]])/g, '\\$1') + '](' + rec.link.replace(/([()])/g, '\\$1') + ')\n'
  : '- ' + rec.title + '\n').join('');
