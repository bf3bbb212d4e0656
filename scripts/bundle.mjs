// Bundle the page's ES modules (theme/src/main.js) into one script, theme/page.js, and the
// index page's (theme/src/index-page.js) into theme/index.js: esbuild resolves the imports
// into one IIFE, terser compresses it (a few hundred bytes smaller gzipped than esbuild's
// own minifier, and the page's JS+CSS budget is 20 KB with every feature), then uglify-js
// names its local variables again.
// node scripts/bundle.mjs [DIR]   (default theme/; the tests bundle to a temp folder)
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { minify } from 'terser';
import UglifyJS from 'uglify-js';

const root = path.resolve(import.meta.dirname, '..');
// Properties of the page's own objects (the model's, the view's, the structure's, a link
// reader's) that nothing outside the bundle reads by name: terser shortens them (~150 bytes
// gzipped). Never list a key of the page's data, of what it stores or links carry, or of a
// record the writers take (read by name): tests/test_bundle_names.py checks the data and the
// fixtures; nor a name the DOM or JavaScript itself gives that the page reads (value, open,
// list, ...). builtins: terser otherwise keeps every name some DOM interface has (close,
// load, order, ...) even when listed here: what is listed is the page's own.
const INTERNAL = /^(?:notice|notices|render|shown|setTicks|words|bulk|takeDrop|known|missing|records|sectionOf|lis|listEl|why|buildHays|hays|hayOf|follow|undoLast|searched|onChange|rechunk|ticked0|acts|shows|arrange|sorts|slots|unary|current|tickLink|bits|say|params|whole|report|keep|rehay|bring|any|model|actions|views|gamma|take|tick|aside|mode|tri|save|load|draw|store|query|picks|changed|start|order|close|mine|left|tell|view|box|triage|tail|merge|done|tally|fragment|ambiguous|sameList|total|kind|ok)$/;
const out = process.argv[2] || path.join(root, 'theme');

// The strings.json keys the page's modules name, t('key') or t(x ? 'key' : 'key'), become
// numbers, t(0): their places in a list of those keys, most named first, that the bundler
// writes beside page.js (page-keys.json) and the build hands the page in its data (strings.js
// looks them up): ~80 bytes gzipped. A key named otherwise (a variable, data-i18n in the
// HTML) stays a key.
const NAMED = /\bt\((?:[\w.]+ \? '[\w:-]+' : )?'[\w:-]+'/g, QUOTED = /'([\w:-]+)'/g;
const known = new Set(Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'theme', 'strings.json'), 'utf8'))));
const keysIn = text => (text.match(NAMED) || []).flatMap(m => [...m.matchAll(QUOTED)].map(q => q[1])).filter(key => known.has(key));

/** The keys the modules of an entry name, most named first (then by name). */
async function keysNamed(entry) {
  const { metafile } = await build({ entryPoints: [entry], absWorkingDir: root, bundle: true, write: false, metafile: true });
  const uses = new Map();
  for (const file of Object.keys(metafile.inputs)) {
    for (const key of keysIn(fs.readFileSync(path.join(root, file), 'utf8'))) uses.set(key, (uses.get(key) || 0) + 1);
  }
  return [...uses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
}

/** An esbuild plugin that writes the keys of names the theme's modules name as their places. */
const numberKeys = names => ({
  name: 'number-keys',
  setup(b) {
    b.onLoad({ filter: /[\\/]theme[\\/]src[\\/][^\\/]+\.js$/ }, args => ({
      contents: fs.readFileSync(args.path, 'utf8').replace(NAMED, m => m.replace(QUOTED, (q, key) => names.includes(key) ? names.indexOf(key) : q)),
      loader: 'js',
    }));
  },
});

for (const [entry, name] of [['main.js', 'page.js'], ['index-page.js', 'index.js']]) {
  const from = path.join(root, 'theme', 'src', entry);
  const names = name === 'page.js' ? await keysNamed(from) : [];  // (the index page's are few)
  const bundled = await build({
    entryPoints: [from],
    bundle: true, format: 'iife', target: 'es2021', write: false, legalComments: 'none',
    // esbuild's syntax minifier first: what terser leaves of it is ~90 bytes smaller gzipped
    // (const declared as let, among others)
    minifySyntax: true,
    plugins: [numberKeys(names)],
  });
  if (name === 'page.js') fs.writeFileSync(path.join(out, 'page-keys.json'), JSON.stringify(names, null, 1) + '\n');
  // Measured on the page (gzipped): 4 passes, inline only simple functions, hoisted function
  // declarations, arrows and methods for function expressions (no page code calls one with
  // new or reads its this) save ~150 bytes over terser's defaults; strings in double quotes
  // and other characters than ASCII as escapes (·, …, the isolates) ~20 more. unsafe (String(x)
  // as x + "": no Symbol is ever made a string; Error() without new) and unsafe_comps (a < b
  // as b > a: no object with valueOf is compared) ~35 more; pure_getters (no property the page
  // reads does anything when read, so reads may be reordered) and unsafe_math (Number(x) as +x:
  // no BigInt is counted) ~10 more.
  const { code } = await minify(bundled.outputFiles[0].text, {
    ecma: 2020, toplevel: true, mangle: { properties: { regex: INTERNAL, builtins: true } },
    format: { comments: false, ascii_only: true, quote_style: 2 },
    compress: {
      passes: 4, inline: 1, hoist_funs: true, unsafe_arrows: true, unsafe_methods: true, unsafe: true, unsafe_comps: true,
      pure_getters: true, unsafe_math: true,
    },
  });
  // uglify-js's mangler names the parameters of every function alike (e, t, a, ...), which
  // gzip finds again and again: terser's own names cost ~170 bytes more gzipped on the page,
  // esbuild's more still. Its compressor after terser's takes ~50 more (variables merged, a
  // function used once put where it is called), but for what it found costs bytes here:
  // inlining function bodies, arrows for functions, comparisons turned, returns folded; let
  // and const stay as they are (varify). The bundle is a classic script, not a module (so no
  // strict mode assumed: module false), and unsafe writes a count + 1 as 1 + it: ~6 bytes.
  const named = UglifyJS.minify(code, {
    mangle: true, output: { comments: false, ascii_only: true, quote_style: 2 },
    compress: { inline: false, arrows: false, comparisons: false, if_return: false, varify: false, module: false, unsafe: true },
  });
  if (named.error) throw named.error;
  fs.writeFileSync(path.join(out, name), named.code + '\n');
}
