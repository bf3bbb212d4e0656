// For the Python tests: call the page's pure functions (theme/src/) on JSON requests read
// from stdin ([[module, name, ...args], ...]) and write their results as JSON, so
// generator/codec.py, importer.py and team.py are held to the page's own code.
import fs from 'node:fs';
import * as codec from '../../theme/src/codec.js';
import * as importer from '../../theme/src/importer.js';
import * as team from '../../theme/src/team.js';

const modules = { codec, importer, team };
const calls = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(calls.map(([module, name, ...args]) => {
  try {
    return modules[module][name](...args);
  } catch (err) {
    return { error: String(err && err.message) };
  }
})));
