// Bundle the page's ES modules (theme/src/main.js) into one script: esbuild resolves the
// imports into one IIFE, terser compresses it (a few hundred bytes smaller gzipped than
// esbuild's own minifier, and the page's JS+CSS budget is 20 KB with every feature).
// node scripts/bundle.mjs [OUT]   (default theme/page.js; the tests bundle to a temp file)
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { minify } from 'terser';

const root = path.resolve(import.meta.dirname, '..');
const out = process.argv[2] || path.join(root, 'theme', 'page.js');
const bundled = await build({
  entryPoints: [path.join(root, 'theme', 'src', 'main.js')],
  bundle: true, format: 'iife', target: 'es2020', write: false, legalComments: 'none',
});
const { code } = await minify(bundled.outputFiles[0].text, {
  ecma: 2020, toplevel: true, compress: { passes: 3 }, mangle: true, format: { comments: false },
});
fs.writeFileSync(out, code + '\n');
