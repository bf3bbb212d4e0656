/* Ways in and out: downloads (CSV, Markdown, BibTeX), copy as Markdown, import a file. */

import { copyText, download, filePicker } from './dom.js';
import { importPicks } from './importer.js';
import { csvRows, markdownLinks, writeBibtex, writeMarkdown } from './writers.js';

/** Set the file picker and drag-and-drop up (takeDrop(files) may take dropped files as
    ballots instead); give the transfer actions. */
export function setupTransfer({ model, data, records, each, t, takeDrop, columns, bring }) {
  const name = data.csv.replace(/\.csv$/i, '');
  const picker = filePicker('import-file', files => importFile(files[0]));

  function importFile(file) {
    file?.text().then(text => {
      const got = importPicks(text, file.name, records());
      if (!got) {
        return model.tell('msg', t('importBad', { f: file.name }));
      }
      // undoable, the labels, notes and read marks it brings too (Object: said even when no change)
      model.bulk(t('imported', { f: file.name, m: got.ids.length, t: got.total, u: got.unmatched }),
        got.ids.filter(id => !model.ticked.has(id)), [], t('undo'), bring(got.tri) || Object);
    });
  }
  document.addEventListener('dragover', e => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  document.addEventListener('drop', e => {
    if (e.dataTransfer?.files.length) {
      e.preventDefault();
      if (!takeDrop([...e.dataTransfer.files])) importFile(e.dataTransfer.files[0]);
    }
  });

  const csv = () => download(data.csv, csvRows(columns(), each(true)), 'text/csv');
  const markdown = (file, recs) => download(file, writeMarkdown(data, recs, model.ticked), 'text/markdown');
  const bib = notes => () => download(name + '.bib', writeBibtex(records(true), notes), 'application/x-bibtex');
  return {
    'download-csv': csv,
    'download-csv-notice': csv,
    import: () => picker.click(),
    // the picks alone, a list of their own; the whole list with [x] on the picks
    'download-md': () => markdown(name + '.md', records(true)),
    'download-md-all': () => markdown(name + '_whole_list.md', records()),
    'download-bibtex': bib(),
    'download-bibtex-notes': bib(1),  // each paper's note in its note field
    'copy-md': () => {
      const recs = records(true), say = text => () => model.tell('msg', text);
      copyText(markdownLinks(recs)).then(say(t('copiedMd', { n: recs.length })), say(t('copyNo')));
    },
  };
}
