/** A negotiation process: one set of talks with its parties, people, events and texts. */

import type { FuzzyDate } from './fuzzy-date.ts';
import type { ProcessId } from './ids.ts';

export const PROCESS_STATUSES = ['active', 'suspended', 'concluded', 'failed'] as const;
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];

export interface Process {
  readonly id: ProcessId;
  readonly title: string;
  readonly description?: string;
  readonly started?: FuzzyDate;
  readonly status: ProcessStatus;
}
