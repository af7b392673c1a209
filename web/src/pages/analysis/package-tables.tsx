/**
 * The top packages by a criterion and the improvements on the draft, as
 * tables: each package's option per issue and each party's utility; for the
 * mediator team, a button to make a new draft version from a package.
 */

import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import type {
  AnalysisInputs,
  AnalysisPackage,
  AnalysisResult,
  DraftReport,
} from '../../api/analysis-types.ts';
import {
  CRITERION_NAMES,
  improvedPackage,
  issueName,
  optionLabel,
  utility,
} from './analysis-format.ts';
import type { MakeVersionTarget } from './make-version.tsx';

interface Row {
  readonly key: string;
  readonly what: string;
  readonly package: AnalysisPackage | undefined;
  readonly utilities: readonly number[];
  readonly extra: string;
  /** Issues whose option differs from the draft's (shown in bold). */
  readonly changed: ReadonlySet<string>;
  /** A new version may be made from it (not the draft itself). */
  readonly makeable: boolean;
}

function PackageTable({
  caption,
  rows,
  extraHeader,
  inputs,
  names,
  onMake,
}: {
  caption: string;
  rows: readonly Row[];
  extraHeader: string;
  inputs: AnalysisInputs;
  names: readonly string[];
  onMake: ((target: MakeVersionTarget) => void) | undefined;
}) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped withTableBorder verticalSpacing="xs" fz="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Package</Table.Th>
            {inputs.issues.map((issue) => (
              <Table.Th scope="col" key={issue.id}>
                {issue.name}
              </Table.Th>
            ))}
            {names.map((name) => (
              <Table.Th scope="col" key={name}>
                {name}
              </Table.Th>
            ))}
            <Table.Th scope="col">{extraHeader}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" miw={onMake === undefined ? undefined : 150}>
                <Stack gap={6} align="flex-start">
                  {row.what}
                  {onMake !== undefined && row.package !== undefined && row.makeable && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      h="auto"
                      py={4}
                      styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                      aria-label={`Make a new draft version from this package (${row.what})`}
                      onClick={() =>
                        onMake({ what: row.what, package: row.package as AnalysisPackage })
                      }
                    >
                      Make a new draft version from this package
                    </Button>
                  )}
                </Stack>
              </Table.Th>
              {inputs.issues.map((issue) => {
                const option = row.package?.[issue.id];
                return (
                  <Table.Td key={issue.id} fw={row.changed.has(issue.id) ? 700 : undefined}>
                    {option === undefined ? '–' : optionLabel(inputs, issue.id, option)}
                  </Table.Td>
                );
              })}
              {names.map((name, p) => (
                <Table.Td key={name}>{utility(row.utilities[p])}</Table.Td>
              ))}
              <Table.Td>{row.extra}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The top packages by the report's criterion (one package per tied point; the first of each). */
export function TopPackages({
  analysis,
  inputs,
  names,
  onMake,
}: {
  analysis: AnalysisResult;
  inputs: AnalysisInputs;
  names: readonly string[];
  onMake: ((target: MakeVersionTarget) => void) | undefined;
}) {
  const criterion = CRITERION_NAMES[analysis.top.criterion];
  const draft = analysis.draft?.package;
  const rows: Row[] = analysis.top.ranks.flatMap((rank, r) =>
    rank.points.slice(0, 3).map((point, i) => {
      const pkg = point.packages[0];
      return {
        key: `${r}-${i}`,
        what: `Top ${r + 1}${rank.points.length > 1 ? ` (tie ${i + 1})` : ''}`,
        package: pkg,
        utilities: point.utilities,
        extra: `${rank.value.toPrecision(3)}${point.packageCount > 1 ? ` · ${point.packageCount.toLocaleString('en')} packages` : ''}`,
        changed: new Set(
          draft === undefined || pkg === undefined
            ? []
            : Object.keys(pkg).filter((issue) => pkg[issue] !== draft[issue]),
        ),
        makeable: true,
      };
    }),
  );
  if (rows.length === 0)
    return (
      <Text size="sm">No package is acceptable to every party, so there is no top package.</Text>
    );
  return (
    <PackageTable
      caption={`Top packages by the ${criterion} criterion${draft === undefined ? '' : ' (options that differ from the draft in bold)'}`}
      rows={rows}
      extraHeader={`${criterion} value`}
      inputs={inputs}
      names={names}
      onMake={onMake}
    />
  );
}

/** The draft and the improvements on it (changes that leave no party worse off). */
export function Improvements({
  draft,
  inputs,
  names,
  onMake,
  partyName,
}: {
  draft: DraftReport;
  inputs: AnalysisInputs;
  names: readonly string[];
  onMake: ((target: MakeVersionTarget) => void) | undefined;
  partyName: (id: string) => string;
}) {
  const rows: Row[] = [
    {
      key: 'draft',
      what: 'The draft',
      package: draft.package,
      utilities: draft.utilities,
      extra: draft.acceptable ? 'acceptable' : 'not acceptable',
      changed: new Set(),
      makeable: false,
    },
    ...draft.improvements.map((x, i) => ({
      key: String(i),
      what: `Improvement ${i + 1}`,
      package: improvedPackage(draft.package, x),
      utilities: x.utilities,
      extra: `gains ${x.gains.map((g) => (g >= 0 ? '+' : '') + g.toFixed(2)).join(' / ')}${x.acceptable ? '' : ' · not acceptable'}`,
      changed: new Set(x.changes.map((c) => c.issue)),
      makeable: true,
    })),
  ];
  return (
    <>
      <Text size="sm" mb="xs">
        {draft.improvements.length === 0
          ? `No change of up to ${draft.searchedChanges} issues leaves every party at least as well off and one better off.`
          : `${draft.improvementsFound.toLocaleString('en')} improvement${draft.improvementsFound === 1 ? '' : 's'} found (changes of up to ${draft.searchedChanges} issues; the smallest listed first). Changed options in bold: `}
        {draft.improvements.length > 0 &&
          draft.improvements
            .slice(0, 3)
            .map(
              (x, i) =>
                `${i + 1}. ${x.changes.map((c) => `${issueName(inputs, c.issue)} → ${optionLabel(inputs, c.issue, c.to)}`).join('; ')}`,
            )
            .join(' ')}
      </Text>
      {draft.redLinesCrossed.length > 0 && (
        <Text size="sm" mb="xs">
          <Badge color="red" variant="light" mr="xs">
            red lines
          </Badge>
          The draft crosses{' '}
          {draft.redLinesCrossed
            .map((c) => `${partyName(c.party)}’s: ${c.lines.join('; ')}`)
            .join(' · ')}
        </Text>
      )}
      <PackageTable
        caption="The draft and the improvements on it (changed options in bold; gains per party)"
        rows={rows}
        extraHeader="Gains"
        inputs={inputs}
        names={names}
        onMake={onMake}
      />
    </>
  );
}
