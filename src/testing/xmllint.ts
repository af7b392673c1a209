/**
 * Validating XML against the Akoma Ntoso 3.0 schema with xmllint (Debian's
 * libxml2-utils). Tests skip, saying why, where xmllint is missing — except on
 * CI, where it is installed by .ci/run and a missing one is a failure.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const AKN_SCHEMA = fileURLToPath(
  new URL('../io/text/fixtures/akomantoso30.xsd', import.meta.url),
);
const INSTALL_HINT = 'install xmllint with `apt-get install -y libxml2-utils` (Debian/Ubuntu)';

const hasXmllint = (() => {
  const probe = spawnSync('xmllint', ['--version']);
  return probe.error === undefined && probe.status === 0;
})();

/** `false` when schema tests can run; otherwise the reason to skip them (never on CI). */
export const skipXmlValidation: string | false =
  hasXmllint || process.env.CI ? false : `xmllint is missing: ${INSTALL_HINT}`;

/**
 * Validates documents against the schema in one xmllint run (compiling the
 * schema once). Returns an empty list when all are valid, else xmllint's
 * report for each invalid document, with the document.
 */
export function schemaErrors(documents: readonly string[]): string[] {
  if (documents.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'concord-akn-'));
  try {
    const files = documents.map((xml, i) => {
      const file = join(dir, `document-${i}.xml`);
      writeFileSync(file, xml, 'utf8');
      return file;
    });
    const result = spawnSync('xmllint', ['--noout', '--schema', AKN_SCHEMA, ...files], {
      encoding: 'utf8',
    });
    if (result.error !== undefined) return [`cannot run xmllint (${INSTALL_HINT})`];
    if (result.status === 0) return [];
    return files.flatMap((file, i) => {
      const lines = result.stderr
        .split('\n')
        .filter((line) => line.startsWith(file) && !line.endsWith('validates'));
      return lines.length === 0 ? [] : [`${lines.join('\n')}\n--- document ---\n${documents[i]}`];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
