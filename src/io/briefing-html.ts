/**
 * A briefing (`services/briefing-service.ts`) as one self-contained HTML
 * page for printing: no scripts, no external resources, styles inline. Every
 * piece of text from the record goes through `escapeHtml`; links are only
 * kept when they are http(s). The server sends it as is, and Chromium prints
 * it to PDF.
 */

import type { Tenure } from '../core/appointment.ts';
import type { Briefing, BriefingText } from '../core/briefing.ts';
import { describeDuration } from '../core/duration.ts';
import { formatFuzzyDate } from '../core/fuzzy-date.ts';
import type { Statement } from '../core/statement.ts';
import type { Position } from '../core/text/position.ts';

/** Escapes text for HTML content and (double-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const e = escapeHtml;

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font: 10.5pt/1.45 system-ui, "DejaVu Sans", sans-serif; color: #111; margin: 0; }
  h1 { font-size: 17pt; margin: 0 0 2mm; }
  h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; page-break-after: avoid; }
  h3 { font-size: 11pt; margin: 4mm 0 1mm; page-break-after: avoid; }
  .meta { color: #444; margin: 0 0 1mm; }
  .muted { color: #555; }
  ul { margin: 1mm 0; padding-left: 5mm; }
  li { margin: 0.5mm 0; }
  section.person, section.provision { page-break-inside: avoid; }
  table { border-collapse: collapse; width: 100%; margin: 1mm 0; }
  th, td { border: 1px solid #bbb; padding: 1mm 2mm; text-align: left; vertical-align: top; }
  .head { font-weight: 700; }
  .label { display: inline-block; border: 1px solid #777; border-radius: 2px; padding: 0 1.5mm; font-size: 8.5pt; }
`;

const VIEWER_TEXT: Record<Briefing['viewer']['kind'], string> = {
  operator: 'the operator (everything recorded)',
  public: 'the public (public material only)',
  mediator: 'the mediator team',
  party: 'a delegation',
};

/** The whole briefing as an HTML document. */
export function renderBriefingHtml(briefing: Briefing, options: { generated: number }): string {
  const { event } = briefing;
  const partyName = (slug: string | undefined) => {
    const party = briefing.parties.find((p) => p.id === slug);
    return party === undefined ? (slug ?? 'No party recorded') : party.name;
  };
  const viewer =
    briefing.viewer.kind === 'party'
      ? `the delegation of ${partyName(briefing.viewer.party)}`
      : VIEWER_TEXT[briefing.viewer.kind];
  const facts = [
    `${capitalise(event.kind)}, ${event.status}`,
    formatFuzzyDate(event.date),
    event.place,
    event.duration === undefined ? undefined : describeDuration(event.duration),
    briefing.ledBy === undefined ? undefined : `led by ${briefing.ledBy.name}`,
  ].filter((fact): fact is string => fact !== undefined);
  const byParty = new Map<string | undefined, Briefing['participants'][number][]>();
  for (const participant of briefing.participants)
    byParty.set(participant.party, [...(byParty.get(participant.party) ?? []), participant]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Briefing: ${e(event.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="meta">${e(briefing.process.title)} — briefing</p>
<h1>${e(event.title)}</h1>
<p class="meta">${facts.map(e).join(' · ')}</p>
${event.description === undefined ? '' : `<p>${e(event.description)}</p>`}
${event.outcome === undefined ? '' : `<p><strong>Outcome:</strong> ${e(event.outcome)}</p>`}
<p class="muted">Prepared for ${e(viewer)} on ${e(new Date(options.generated).toISOString().slice(0, 10))}: only what that reader may see.</p>
</header>
<h2>Participants</h2>
${
  briefing.participants.length === 0
    ? '<p class="muted">No participants recorded.</p>'
    : [...byParty.entries()]
        .map(
          ([party, people]) =>
            `<h3>${e(partyName(party))}</h3>\n${people
              .map(
                (p) => `<section class="person">
<p><span class="${isHead(p.tenures) ? 'head' : ''}">${e(p.person.name)}</span>${tenureText(p.tenures)}</p>
${statementList(p.statements)}
</section>`,
              )
              .join('\n')}`,
        )
        .join('\n')
}
<h2>The text</h2>
${briefing.texts.length === 0 ? '<p class="muted">No text you may see.</p>' : briefing.texts.map((text) => textSection(text, partyName)).join('\n')}
${
  briefing.sources.length === 0
    ? ''
    : `<h2>Sources</h2>\n<ul>${briefing.sources
        .map(
          (source) =>
            `<li>${e(source.title)}${source.outlet === undefined ? '' : `, ${e(source.outlet)}`}${
              source.published === undefined ? '' : ` (${e(formatFuzzyDate(source.published))})`
            }${source.url !== undefined && /^https?:\/\//i.test(source.url) ? ` — ${e(source.url)}` : ''}</li>`,
        )
        .join('')}</ul>`
}
</body>
</html>
`;
}

function isHead(tenures: readonly Tenure[]): boolean {
  return tenures.some((t) => t.appointment.role === 'head-of-delegation');
}

function tenureText(tenures: readonly Tenure[]): string {
  if (tenures.length === 0)
    return ' <span class="muted">— no title or role recorded that day</span>';
  return ` — ${tenures
    .map((t) => {
      const what = [t.appointment.title, t.appointment.role?.replaceAll('-', ' ')]
        .filter((x) => x !== undefined)
        .join(', ');
      return `${e(what)}${t.certainty === 'possible' ? ' <span class="label">possibly</span>' : ''}`;
    })
    .join('; ')}`;
}

function statementList(statements: readonly Statement[]): string {
  if (statements.length === 0) return '<p class="muted">No recent statements recorded.</p>';
  return `<ul>${statements
    .map(
      (s) =>
        `<li>${e(formatFuzzyDate(s.date))}: ${s.form === 'quotation' ? `“${e(s.text)}”` : e(s.text)}${
          s.audience === 'private' ? ' <span class="label">private</span>' : ''
        }</li>`,
    )
    .join('')}</ul>`;
}

function textSection(text: BriefingText, partyName: (slug: string) => string): string {
  if (text.version === undefined)
    return `<h3>${e(text.text.title)}</h3><p class="muted">No version you may see before this event.</p>`;
  const version = text.version;
  const open =
    text.openProvisions.length === 0
      ? '<p class="muted">No open provisions.</p>'
      : text.openProvisions
          .map(
            (p) => `<section class="provision">
<h3>${e([p.number, p.heading].filter((x) => x !== undefined).join(' '))}</h3>
<ul>${p.alternatives
              .map(
                (a) =>
                  `<li>${e(a.text)}${a.id === p.proposed ? ' <span class="label">proposed</span>' : ''}</li>`,
              )
              .join('')}</ul>
${positionTable(p.positions, partyName)}
</section>`,
          )
          .join('\n');
  const others =
    text.otherPositions.length === 0
      ? ''
      : `<h3>Positions on other provisions</h3>\n${positionTable(text.otherPositions, partyName, true)}`;
  return `<h3>${e(text.text.title)}: ${e(version.label)}${version.date === undefined ? '' : ` (${e(formatFuzzyDate(version.date))})`}, ${e(version.status)}</h3>
<h3>Open provisions</h3>
${open}
${others}`;
}

function positionTable(
  positions: readonly (Position & { number?: string })[],
  partyName: (slug: string) => string,
  withProvision = false,
): string {
  if (positions.length === 0) return '<p class="muted">No positions you may see.</p>';
  return `<table><thead><tr>${withProvision ? '<th>Provision</th>' : ''}<th>Party</th><th>Stance</th><th>Note</th><th>Shared with</th></tr></thead><tbody>${positions
    .map(
      (p) =>
        `<tr>${withProvision ? `<td>${e(p.number ?? p.provision)}</td>` : ''}<td>${e(partyName(p.party))}</td><td>${e(p.stance.replaceAll('-', ' '))}${
          p.alternative === undefined ? '' : ` (${e(p.alternative)})`
        }${p.wording === undefined ? '' : `: “${e(p.wording)}”`}</td><td>${e(p.note ?? '')}</td><td>${e(p.audience === 'party' ? 'own delegation only' : p.audience)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
