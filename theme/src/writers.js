/* The downloads: CSV, BibTeX and Markdown of paper records (pure). They mirror
   generator/export.py byte for byte; tests/fixtures/writers/ keeps the two from drifting. */

// --- CSV ------------------------------------------------------------------------------------

/** One cell by RFC 4180, a leading formula character guarded with a quote mark. */
export function csvCell(value) {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** A record's value for a column [name, key]: its key, else its extra field of that name. */
function cellValue([name, key], rec) {
  if (key) return rec[key] || '';
  const f = (rec.fields || []).find(f => f[0] === name);
  return f ? f[1] : '';
}

/** The CSV file: UTF-8 BOM, a header of the columns' names, CRLF after every row. */
export const csvFor = (columns, records) => '\ufeff' + [columns.map(c => c[0])]
  .concat(records.map(rec => columns.map(c => cellValue(c, rec))))
  .map(r => r.map(csvCell).join(',') + '\r\n').join('');

// --- BibTeX ---------------------------------------------------------------------------------

const STOP = 'a an the on of in for to towards toward and with from is are via at by do does'.split(' ');
const MATH = /(?<!\\)\$[^$]*(?<!\\)\$/g;
const asciiWords = text => String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean);

/** The record's Authors (or Author) field, split: 'Last, First and Last, First', or names
    between , ; and 'and'. */
export function authors(rec) {
  const f = (rec.fields || []).find(f => /^authors?$/i.test(f[0])), value = String(f && f[1] || '').trim();
  const parts = value.split(/\s+and\s+/).map(p => p.trim());
  return (parts.length > 1 && parts.every(p => p.includes(',')) ? parts : value.split(/\s*[,;]\s*|\s+and\s+/))
    .map(p => p.trim()).filter(Boolean);
}

function keyBase(rec) {
  const first = authors(rec)[0] || '';
  const sur = asciiWords(first.includes(',') ? first.split(',')[0] : first.split(/\s+/).filter(Boolean).pop() || '').join('');
  const word = asciiWords(String(rec.title).replace(MATH, ' ')).filter(w => !STOP.includes(w.toLowerCase()))[0] || '';
  const year = asciiWords(rec.year || '').join('');
  const base = (sur ? sur + year + word : word + year).toLowerCase();
  return /^[a-z]/.test(base) ? base : 'paper' + base;
}

function balanced(text) {
  let depth = 0, prev = '';
  for (const ch of text) {
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
  let out = '', pos = 0, m;
  MATH.lastIndex = 0;
  while ((m = MATH.exec(text))) {
    out += bibPlain(text.slice(pos, m.index), protect) + m[0];
    pos = m.index + m[0].length;
  }
  return out + bibPlain(text.slice(pos), protect);
}

/** One @inproceedings per record ({id, title, link, venue, year, fields}); LF line ends. */
export function writeBibtex(records) {
  const bases = records.map(keyBase);
  return records.map((rec, i) => {
    const b = bases[i], names = authors(rec), book = [rec.venue, rec.year].filter(Boolean).join(' ');
    const lines = ['@inproceedings{' + (bases.indexOf(b) === bases.lastIndexOf(b) ? b : b + '_' + rec.id) + ',',
      '  title = {' + bibText(rec.title, true) + '},'];
    if (names.length) lines.push('  author = {' + names.map(a => bibText(a)).join(' and ') + '},');
    if (book) lines.push('  booktitle = {' + bibText(book) + '},');
    if (rec.year) lines.push('  year = {' + bibText(rec.year) + '},');
    if (rec.link) lines.push('  url = {' + rec.link.replace(/\{/g, '%7B').replace(/\}/g, '%7D').replace(/ /g, '%20') + '},');
    return lines.join('\n') + '\n}\n';
  }).join('\n');
}

// --- Markdown -------------------------------------------------------------------------------

/** The whole list ({title, notes}) in the shipped Markdown format, [x] on ticked ids. */
export function writeMarkdown(list, records, ticked) {
  let out = '# ' + list.title + '\n\n';
  (list.notes || []).forEach(n => { out += '> ' + n + '\n\n'; });
  records.forEach((rec, i) => {
    const line = (s, v) => { if (v) out += '- **' + s + '**: ' + v + '\n\n'; };
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

/** The papers' titles and links as a Markdown bullet list. */
export const markdownLinks = records => records.map(rec => rec.link
  ? '- [' + rec.title.replace(/([\\[\]])/g, '\\$1') + '](' + rec.link.replace(/([()])/g, '\\$1') + ')\n'
  : '- ' + rec.title + '\n').join('');
