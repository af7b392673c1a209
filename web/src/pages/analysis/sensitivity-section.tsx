/**
 * Sensitivity: how the answers hold up when the profiles' weights and values
 * move within their stated uncertainty (for instance ±20%). A run is asked
 * for (it takes time); its samples and seed are in the URL, so a result can
 * be shared and redone. Charts: how often each candidate stays acceptable to
 * all and stays a Nash package, with 95% intervals; the same as a table.
 */

import { Alert, Button, Group, NativeSelect, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { BarChart, CustomChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, use } from 'echarts/core';
import { useEffect, useMemo, useState } from 'react';
import type { SensitivityResult } from '../../api/analysis-types.ts';
import { analysisQuery } from '../../api/queries.ts';
import { Chart } from '../../components/chart.tsx';
import { ErrorAlert } from '../../components/query-state.tsx';
import { percent, utility } from './analysis-format.ts';

use([BarChart, CustomChart, GridComponent, LegendComponent, TooltipComponent]);

export const DEFAULT_SAMPLES = 2_000;

/** What moves in a run: the profiles' own ranges, or every weight and value by ±n%. */
const PERTURBATIONS = [
  { value: '', label: 'As stated in the profiles' },
  ...[10, 20, 30, 50].map((n) => ({
    value: String(n),
    label: `±${n}% on every weight and value`,
  })),
];
export const MAX_SAMPLES = 20_000;

/** Seconds since `running` became true, ticking while it stays so. */
function useElapsed(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

export function SensitivitySection({
  process,
  text,
  version,
  samples,
  seed,
  perturbation,
  onRun,
  partyName,
}: {
  partyName: (id: string) => string;
  process: string;
  text: string | undefined;
  version: string | undefined;
  /** The run asked for (from the URL); undefined: none yet. */
  samples: number | undefined;
  seed: number;
  /** ±percent applied to every weight and value; undefined: the profiles' stated uncertainty. */
  perturbation: number | undefined;
  onRun: (samples: number, seed: number, perturbation: number | undefined) => void;
}) {
  const [draftSamples, setDraftSamples] = useState<number | string>(samples ?? DEFAULT_SAMPLES);
  const [draftSeed, setDraftSeed] = useState<number | string>(seed);
  const [draftPerturbation, setDraftPerturbation] = useState(
    perturbation === undefined ? '' : String(perturbation),
  );
  const run = useQuery({
    ...analysisQuery(process, {
      ...(text === undefined ? {} : { text }),
      ...(version === undefined ? {} : { version }),
      samples: samples ?? 0,
      seed,
      ...(perturbation === undefined ? {} : { perturbation: perturbation / 100 }),
    }),
    enabled: samples !== undefined && samples > 0,
  });
  const elapsed = useElapsed(run.isFetching);
  const valid =
    typeof draftSamples === 'number' &&
    draftSamples >= 100 &&
    draftSamples <= MAX_SAMPLES &&
    typeof draftSeed === 'number';
  return (
    <Stack>
      <Text size="sm">
        Each sample draws every weight and value within its profile’s stated uncertainty, or within
        ±n% of it, and redoes the analysis: does the draft stay acceptable, does the Nash package
        stay the same?
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (valid)
            onRun(
              draftSamples as number,
              draftSeed as number,
              draftPerturbation === '' ? undefined : Number(draftPerturbation),
            );
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label="Uncertainty"
            data={PERTURBATIONS}
            value={draftPerturbation}
            onChange={(event) => setDraftPerturbation(event.currentTarget.value)}
            w={240}
          />
          <NumberInput
            label="Samples"
            min={100}
            max={MAX_SAMPLES}
            step={500}
            value={draftSamples}
            onChange={setDraftSamples}
            w={140}
            error={
              typeof draftSamples === 'number' && (draftSamples < 100 || draftSamples > MAX_SAMPLES)
                ? `100 to ${MAX_SAMPLES.toLocaleString('en')}`
                : undefined
            }
          />
          <NumberInput
            label="Seed"
            min={0}
            max={2_147_483_647}
            allowDecimal={false}
            value={draftSeed}
            onChange={setDraftSeed}
            w={140}
          />
          <Button type="submit" disabled={!valid} loading={run.isFetching}>
            Run sensitivity
          </Button>
        </Group>
      </form>
      {run.isFetching ? (
        <Alert color="blue" role="status" aria-live="polite" title="Sampling…">
          {`${(samples ?? 0).toLocaleString('en')} samples on the server: ${elapsed} s so far. A few thousand take a few seconds; ${MAX_SAMPLES.toLocaleString('en')} can take a minute.`}
        </Alert>
      ) : run.isError ? (
        <ErrorAlert error={run.error} onRetry={() => run.refetch()} />
      ) : run.data?.sensitivity !== undefined ? (
        <SensitivityResults
          result={run.data.sensitivity}
          perturbation={perturbation}
          partyName={partyName}
        />
      ) : (
        <Text size="sm" c="dimmed">
          No run yet.
        </Text>
      )}
    </Stack>
  );
}

function SensitivityResults({
  result,
  perturbation,
  partyName,
}: {
  result: SensitivityResult;
  perturbation: number | undefined;
  partyName: (id: string) => string;
}) {
  const option = useMemo((): EChartsCoreOption => {
    const labels = result.candidates.map((c) => c.label);
    const interval = (key: 'acceptable' | 'nashPackage', offset: number) => ({
      name: `95% interval (${key === 'acceptable' ? 'acceptable' : 'Nash'})`,
      type: 'custom',
      silent: true,
      legendHoverLink: false,
      renderItem: (
        _: unknown,
        api: {
          value: (i: number) => number;
          coord: (v: number[]) => number[];
          size: (v: number[]) => number[];
        },
      ) => {
        const y = api.value(0);
        const low = api.coord([api.value(1), y]);
        const high = api.coord([api.value(2), y]);
        const band = (api.size([0, 1])[1] ?? 20) * 0.2;
        const at = (low[1] ?? 0) + offset * band;
        return {
          type: 'line',
          shape: { x1: low[0], y1: at, x2: high[0], y2: at },
          style: { stroke: '#000000', lineWidth: 1.5 },
        };
      },
      encode: { x: [1, 2], y: 0 },
      data: result.candidates.map((c, i) => [i, c[key].low, c[key].high]),
      z: 10,
    });
    return {
      animation: false,
      grid: { left: 110, right: 24, top: 36, bottom: 36 },
      legend: { top: 0, data: ['Acceptable to all', 'Still a Nash package'] },
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName: string; name: string; value: number }) =>
          typeof p.value === 'number' ? `${p.name} · ${p.seriesName}: ${percent(p.value)}` : '',
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      },
      yAxis: { type: 'category', data: labels, inverse: true },
      series: [
        {
          name: 'Acceptable to all',
          type: 'bar',
          itemStyle: { color: '#0072B2' },
          data: result.candidates.map((c) => c.acceptable.estimate),
        },
        {
          name: 'Still a Nash package',
          type: 'bar',
          itemStyle: { color: '#D55E00' },
          data: result.candidates.map((c) => c.nashPackage.estimate),
        },
        interval('acceptable', -1),
        interval('nashPackage', 1),
      ],
    };
  }, [result]);
  const range = (p: { estimate: number; low: number; high: number }) =>
    `${percent(p.estimate)} (${percent(p.low)}–${percent(p.high)})`;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {result.samples.toLocaleString('en')} samples, seed {result.seed}
        {perturbation === undefined
          ? ', within the profiles’ stated uncertainty.'
          : `, every weight and value within ±${perturbation}%.`}
        {result.nashStability !== undefined &&
          ` The Nash package stays a Nash package in ${range(result.nashStability)} of them.`}
        {result.noAgreement > 0 &&
          ` In ${result.noAgreement.toLocaleString('en')} no package was acceptable to all.`}
        {result.deterministic && ' No profile states an uncertainty: every sample is the same.'}
        {result.certainParties.length > 0 &&
          ` Taken as exact (no stated range): ${result.certainParties.map(partyName).join(', ')}.`}
      </Text>
      <Chart
        option={option}
        height={Math.max(180, 70 + result.candidates.length * 56)}
        label="How often each candidate package stays acceptable to all and stays a Nash package, with 95% intervals. The table below gives the same figures."
      />
      <Table.ScrollContainer minWidth={560}>
        <Table striped withTableBorder fz="sm">
          <Table.Caption>
            Share of samples (95% interval) and median utility per party
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Package</Table.Th>
              <Table.Th scope="col">Acceptable to all</Table.Th>
              <Table.Th scope="col">A Nash package</Table.Th>
              {result.parties.map((party) => (
                <Table.Th scope="col" key={party}>
                  {partyName(party)}: median (5–95%)
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.candidates.map((c) => (
              <Table.Tr key={c.label}>
                <Table.Th scope="row">{c.label}</Table.Th>
                <Table.Td>{range(c.acceptable)}</Table.Td>
                <Table.Td>{range(c.nashPackage)}</Table.Td>
                {c.parties.map((p) => (
                  <Table.Td key={p.party}>
                    {utility(p.utility.median)} ({utility(p.utility.p5)}–{utility(p.utility.p95)})
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
