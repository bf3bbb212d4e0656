// Print, as JSON, the record theme/src/card.js reads for every paper of a built page:
// node tests/js/card_records.mjs PAGE.html. tests/test_card.py compares them with the list.
import fs from 'node:fs';
import { parseHTML } from 'linkedom';
import { record } from '../../theme/src/card.js';

const { document } = parseHTML(fs.readFileSync(process.argv[2], 'utf8'));
globalThis.document = document;  // the page's, as card.js reads the header's (#common) there
const data = JSON.parse(document.getElementById('paperpick-data').textContent);
const lis = [...document.querySelectorAll('[data-paper-id]')];
/** The headings of the sections a card sits in, outer to inner, as the page draws them. */
const sectionOf = (li) => {
  const out = [];
  for (let s = li.closest('[data-section]'); s; s = s.parentElement.closest('[data-section]')) out.unshift(s.getAttribute('data-section'));
  return out;
};
process.stdout.write(JSON.stringify(lis.map((li, i) => record(li, data.papers[i], sectionOf(li)))));
