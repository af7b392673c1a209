/**
 * "What changed since your last visit": the time of the previous visit to a
 * process's dashboard, kept in this browser's localStorage per process.
 */

import { useEffect, useState } from 'react';

const keyOf = (process: string) => `concord.lastVisit.${process}`;

function readLastVisit(process: string): string | undefined {
  try {
    const value = localStorage.getItem(keyOf(process));
    return value !== null && !Number.isNaN(Date.parse(value)) ? value : undefined;
  } catch {
    return undefined; // storage disabled: every visit is a first one
  }
}

function recordVisit(process: string, at: string): void {
  try {
    localStorage.setItem(keyOf(process), at);
  } catch {
    // storage disabled or full: nothing to remember
  }
}

/** The previous visit (an ISO instant; none on a first visit), read once per mount; records this one. */
export function useLastVisit(process: string): string | undefined {
  const [since] = useState(() => readLastVisit(process));
  useEffect(() => recordVisit(process, new Date().toISOString()), [process]);
  return since;
}
