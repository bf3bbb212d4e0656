// For the Python tests: call theme/src/codec.js's exports on JSON requests read from stdin
// ([[name, ...args], ...]) and write their results as JSON (tests/test_codec.py).
import fs from 'node:fs';
import * as codec from '../../theme/src/codec.js';

const calls = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(calls.map(([name, ...args]) => {
  try {
    return codec[name](...args);
  } catch (err) {
    return { error: String(err && err.message) };
  }
})));
