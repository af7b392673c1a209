/**
 * A briefing for an event: who takes part with what they held that day,
 * what each recently said, the open provisions of the current version of
 * each text, and the positions taken on them — all of it as the viewer may
 * see it. One method gathers everything, so the page, the HTML and the PDF
 * show the same, equally filtered, material.
 */

import { OPERATOR, type Viewer } from '../core/audience.ts';
import type {
  Briefing,
  BriefingParticipant,
  BriefingProvision,
  BriefingText,
} from '../core/briefing.ts';
import type { EventId, PersonId, ProcessId } from '../core/ids.ts';
import type { Statement } from '../core/statement.ts';
import { numberProvisions } from '../core/text/numbering.ts';
import type { Position } from '../core/text/position.ts';
import { isOpen, walkProvisions } from '../core/text/provision.ts';
import type { Store } from '../store/store.ts';
import { PositionService } from './position-service.ts';
import { RecordService } from './record-service.ts';
import { TextService } from './text-service.ts';

/** Statements per participant: the most recent before the event ends. */
export const BRIEFING_STATEMENTS_PER_PERSON = 3;

export class BriefingService {
  constructor(
    private readonly store: Store,
    private readonly viewer: Viewer = OPERATOR,
  ) {}

  /** The briefing for an event the viewer may see (`NotFoundError` otherwise). */
  async briefing(process: ProcessId, event: EventId): Promise<Briefing> {
    const records = new RecordService(this.store, this.viewer);
    const report = await records.showEvent(process, event);
    const info = await records.resolveProcess(process);
    const until = report.event.date.end;
    const participants: BriefingParticipant[] = [];
    for (const delegation of report.delegations)
      for (const member of delegation.members) {
        const person = report.people.get(member.person);
        if (person === undefined) continue;
        participants.push({
          person,
          ...(delegation.party === undefined ? {} : { party: delegation.party }),
          tenures: member.tenures,
          statements: await this.recentStatements(records, process, member.person, until),
        });
      }
    const ledBy =
      report.event.ledBy === undefined ? undefined : report.people.get(report.event.ledBy);
    return {
      process: { id: info.id, title: info.title },
      viewer: this.viewer,
      event: report.event,
      parties: [...report.parties.values()],
      participants,
      ...(ledBy === undefined ? {} : { ledBy }),
      sources: report.sources,
      texts: await this.texts(process, until),
    };
  }

  private async recentStatements(
    records: RecordService,
    process: ProcessId,
    person: PersonId,
    until: number,
  ): Promise<Statement[]> {
    // Oldest first; a person's statements in one process are few (hundreds at most).
    const page = await records.statements(process, { by: person }, { limit: 10_000, offset: 0 });
    return page.items
      .filter((statement) => statement.date.start < until)
      .slice(-BRIEFING_STATEMENTS_PER_PERSON)
      .reverse();
  }

  private async texts(process: ProcessId, until: number): Promise<BriefingText[]> {
    const texts = new TextService(this.store, this.viewer);
    const positions = new PositionService(this.store, this.viewer);
    const result: BriefingText[] = [];
    for (const summary of await texts.listTexts(process)) {
      const dated = summary.versions.filter((v) => v.date === undefined || v.date.start < until);
      const current = dated[dated.length - 1];
      if (current === undefined) {
        result.push({
          text: { id: summary.id, title: summary.title },
          openProvisions: [],
          otherPositions: [],
        });
        continue;
      }
      const [{ version }, matrix] = await Promise.all([
        texts.getVersion(process, summary.id, current.id),
        positions.matrix(process, summary.id, current.id),
      ]);
      const numbers = numberProvisions(version.provisions);
      const cells = new Map(
        matrix.matrix.rows.map((row) => [row.provision, [...row.cells.values()]]),
      );
      const open: BriefingProvision[] = [];
      const other: (Position & { number?: string })[] = [];
      for (const provision of walkProvisions(version.provisions)) {
        const number = numbers.get(provision.id);
        const taken = cells.get(provision.id) ?? [];
        if (isOpen(provision))
          open.push({
            id: provision.id,
            ...(number === undefined ? {} : { number }),
            ...(provision.heading === undefined ? {} : { heading: provision.heading }),
            alternatives: provision.alternatives ?? [],
            ...(provision.proposed === undefined ? {} : { proposed: provision.proposed }),
            positions: taken,
          });
        else
          for (const position of taken)
            other.push({ ...position, ...(number === undefined ? {} : { number }) });
      }
      result.push({
        text: { id: summary.id, title: summary.title },
        version: {
          id: version.id,
          label: version.label,
          ...(version.date === undefined ? {} : { date: version.date }),
          status: version.status,
          audience: version.audience,
        },
        openProvisions: open,
        otherPositions: other,
      });
    }
    return result;
  }
}
