/* The page's words: the build hands them over in the page's data (from theme/strings.json),
   in the languages the page may speak; this picks one and fills texts in (pure). */

/** The language to speak: the config's, or with "auto" the browser's first choice. */
export function pick(setting, browserLanguages) {
  if (setting === 'en' || setting === 'zh-CN') return setting;
  return /^zh/i.test(browserLanguages?.[0]) ? 'zh-CN' : 'en';
}

/** Fill {name} in; "one|many" is chosen by {n} (mirrors generator/strings.py). */
export function format(text, vars = {}) {
  const forms = text.split('|');
  return forms[forms.length > 1 && Number(vars.n) !== 1 ? 1 : 0].replace(/\{(\w+)\}/g, (m, k) => k in vars ? String(vars[k]) : m);
}

/** A function that says a key in one language, falling back to English, then to the key.
    A number names the key at that place of names: page.js names the keys its modules say so
    (scripts/bundle.mjs), and the page's data hands over their names. */
export function translator(tables, lang, names = []) {
  const table = tables[lang] || {}, en = tables.en || {};
  return (key, vars) => {
    if (typeof key === 'number') key = names[key];
    return format(table[key] || en[key] || key, vars);
  };
}

/** Untrusted text (a name from a link or a file) put into a sentence: a right-to-left
    override inside it ends at its own edge instead of reordering the sentence. */
export const isolate = text => '\u2068' + text + '\u2069';
