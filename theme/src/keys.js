/* The keyboard: / search, j/k move, x tick, o open, ? help; never while typing. */

import { $ } from './dom.js';

/** Whether a key press belongs to a text field rather than to the page. */
const typing = e => e.isContentEditable || /^(TEXTAREA|SELECT|INPUT)$/.test(e.tagName) && e.type !== 'checkbox';

/** Listen for the page's keys: / to search, keys maps more keys to actions. */
export function setupKeys({ search, keys }) {
  document.addEventListener('keydown', e => {
    const target = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (target === search && e.key === 'Escape' && !search.value) {
      search.blur();
      return;
    }
    if (typing(target) || $('help').open) return;
    const key = {
      '/': () => { search.focus(); search.select(); },
      ...keys,
    }[e.key];
    if (key) {
      e.preventDefault();
      key();
    }
  });
}
