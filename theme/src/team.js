/* Team picks: ballots, their tally, the plan, and the agenda as Markdown and iCalendar
   (pure). The writers mirror generator/team.py byte for byte (tests/fixtures/team/). */

import { authors, pct } from './writers.js';
import { orderBy } from './facets.js';
import { readJSON } from './keep.js';

export const teamKey = slug => 'paperpick:team:v1:' + slug;

/** Stored team data: {ballots, plan, me}, null when nothing is stored, undefined when corrupt. */
export const parseTeam = raw => readJSON(raw, v => {
  if (v && v.v === 1 && Array.isArray(v.ballots) && v.plan && typeof v.plan === 'object' &&
    v.ballots.every(b => b && typeof b.name === 'string' && Array.isArray(b.ids))) return { ballots: v.ballots, plan: v.plan, me: String(v.me || '') };
});
export const serializeTeam = team => JSON.stringify({ v: 1, ballots: team.ballots, plan: team.plan, me: team.me || '' });

/** Keep a ballot: one per name, a newer one replacing the older. -> [ballots, replaced or null]. */
export function addBallot(ballots, ballot) {
  const old = ballots.find(b => b.name === ballot.name) || null;
  return [ballots.filter(b => b !== old).concat([ballot]), old];
}

/** Who picked each paper: Map id -> [names], in ballot order. */
export function tally(ballots) {
  const by = new Map();
  ballots.forEach(b => b.ids.forEach(id => by.set(id, [...by.get(id) || [], b.name])));
  return by;
}

/** Paper indexes by votes, most first, ties in list order. */
export const byVotes = (ids, votes) => orderBy(ids.map(id => -(votes.get(id) || []).length));

/** The tally's records in the order shown (most votes first): papers voted for or planned,
    or all; each a card's record with its team fields (the CSV's data.teamColumns; the
    plan's date as the agenda says it, '2026-12-03 15:00'). */
export const tallyRows = (recs, votes, plan, all) => byVotes(recs.map(r => r.id), votes)
  .filter(i => all || votes.has(recs[i].id) || plan[recs[i].id])
  .map(i => {
    const r = recs[i], who = votes.get(r.id) || [], p = plan[r.id] || {};
    return { ...r, votes: String(who.length), pickers: who.join('; '), presenter: p.who || '', date: (p.at || '').replace('T', ' '), authors: authors(r).join(', ') };
  });

// --- the agenda: Markdown and iCalendar (RFC 5545) --------------------------------------------

/** Planned records ({id, title, link, ..., presenter, date}) in date order, undated last. */
export const planned = records => {
  const p = records.filter(r => r.presenter || r.date);
  return orderBy(p.map(r => r.date || '\uffff')).map(i => p[i]);
};

const cell = s => String(s).replace(/\s+/g, ' ').replace(/([\\|[\]])/g, '\\$1');

/** The agenda as a Markdown table: date, presenter, paper, votes. */
export function agendaMarkdown(title, records) {
  return '# ' + title + ': reading plan\n\n| Date | Presenter | Paper | Votes |\n|---|---|---|---|\n' +
    planned(records).map(r => '| ' + [cell(r.date), cell(r.presenter),
      r.link ? '[' + cell(r.title) + '](' + r.link.replace(/[()| ]/g, pct) + ')' : cell(r.title), r.votes].join(' | ') + ' |\n').join('');
}

const icsText = s => String(s).replace(/[\\;,]|\r\n?|\n/g, c => c < ' ' ? '\\n' : '\\' + c);

/** Fold a content line at 75 octets (UTF-8), never inside a character; CRLF after it. */
function fold(line) {
  let out = '', size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > 75) { out += '\r\n '; size = 1; }
    out += ch;
    size += n;
  }
  return out + '\r\n';
}

/** One event per dated paper of the plan; UIDs from the paper and the list, so a new
    import of the file updates the events instead of adding them again. stamp: the UTC
    time of the export, 'YYYYMMDDTHHMMSSZ'. */
export function agendaIcs(list, records, stamp) {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//paperpick//reading plan//EN', 'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:' + icsText(list.title), ...planned(records).filter(r => r.date).flatMap(r => {
      const desc = [r.presenter && 'Presenter: ' + r.presenter, r.authors, r.link, r.abstract].filter(Boolean).join('\n\n');
      return ['BEGIN:VEVENT', 'UID:' + r.id + '.' + list.slug + '@paperpick', 'DTSTAMP:' + stamp,
        'DTSTART:' + r.date.replace(/[-:]/g, '').replace(' ', 'T') + '00', 'DURATION:PT1H', 'SUMMARY:' + icsText(r.title),
        desc && 'DESCRIPTION:' + icsText(desc), r.link && 'URL:' + r.link.replace(/ /g, pct), 'END:VEVENT'];
    }), 'END:VCALENDAR'].filter(Boolean).map(fold).join('');  // no line when no description or link
}
