/**
 * Reading `concord analyze --genius DOMAIN PROFILE…` and `--geniusweb
 * PROFILE…`: the issues and one profile per file, each party named after its
 * file (`party1_utility.xml` → `party1-utility`), made unique.
 */

import { basename, extname } from 'node:path';
import type { AnalysisIssue } from '../../core/analysis/issue-space.ts';
import type { Profile } from '../../core/analysis/profile.ts';
import { InvalidError } from '../../core/errors.ts';
import type { PartyId } from '../../core/ids.ts';
import { MAX_INPUT_BYTES } from '../../io/analysis/genius-input.ts';
import { uniqueIds } from '../../io/analysis/genius-names.ts';
import { readGeniusDomain, readGeniusProfile } from '../../io/analysis/genius-read.ts';
import { readGeniusWebProfile } from '../../io/analysis/genius-web-read.ts';
import { readLimited } from './scenario.ts';

export async function readGeniusInput(
  files: readonly string[],
  format: 'genius' | 'geniusweb',
): Promise<{ issues: AnalysisIssue[]; profiles: Profile[] }> {
  const profileFiles = format === 'genius' ? files.slice(1) : files;
  if (profileFiles.length < 2)
    throw InvalidError.of(
      format === 'genius'
        ? '--genius takes the domain file, then at least two profile files'
        : '--geniusweb takes at least two profile files',
    );
  const parties = uniqueIds(
    profileFiles.map((file) => basename(file, extname(file))),
    'party',
  ) as PartyId[];
  const read = (file: string) => readLimited(file, MAX_INPUT_BYTES);
  if (format === 'genius') {
    const domainFile = files[0] as string;
    const issues = readGeniusDomain(await read(domainFile), domainFile);
    const profiles: Profile[] = [];
    for (const [i, file] of profileFiles.entries())
      profiles.push(readGeniusProfile(await read(file), issues, parties[i] as PartyId, file));
    return { issues, profiles };
  }
  const read2 = await Promise.all(
    profileFiles.map(async (file, i) => readGeniusWebProfile(await read(file), parties[i], file)),
  );
  const issues = read2[0]?.issues ?? [];
  const names = JSON.stringify(issues.map((issue) => [issue.id, issue.options.map((o) => o.id)]));
  read2.forEach((entry, i) => {
    if (
      JSON.stringify(entry.issues.map((issue) => [issue.id, issue.options.map((o) => o.id)])) !==
      names
    )
      throw InvalidError.of(`${profileFiles[i]}: its domain differs from ${profileFiles[0]}'s`);
  });
  return { issues, profiles: read2.map((entry) => entry.profile) };
}
