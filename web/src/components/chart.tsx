/**
 * A chart drawn by ECharts, for any page: give it an option object and a
 * label. Only the canvas renderer is registered here; each caller registers
 * the charts and components it uses (`use` from 'echarts/core'), so a page
 * ships only what it draws, in its own lazy chunk.
 *
 * A canvas says nothing to a screen reader or a keyboard: the element is an
 * image with `label` as its name, and the caller must put the same facts next
 * to it as text or a table.
 */

import { type EChartsCoreOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([CanvasRenderer]);

export interface ChartProps {
  /** The ECharts option; the chart is redrawn (not merged) when it changes identity. */
  readonly option: EChartsCoreOption;
  /** The accessible name: what the chart shows, in a sentence. */
  readonly label: string;
  /** CSS height (the width follows the container). */
  readonly height: number | string;
  /** Handlers of the chart's events by name (`datazoom`…); the latest ones are called. */
  readonly onEvents?: Readonly<Record<string, (params: unknown) => void>>;
}

export function Chart({ option, label, height, onEvents }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const handlers = useRef(onEvents);
  handlers.current = onEvents;
  const eventNames = Object.keys(onEvents ?? {})
    .sort()
    .join(',');

  useEffect(() => {
    const dom = element.current;
    if (dom === null) return;
    const instance = init(dom, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(dom);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (instance === undefined || eventNames === '') return;
    const names = eventNames.split(',');
    for (const name of names) instance.on(name, (params) => handlers.current?.[name]?.(params));
    return () => {
      for (const name of names) instance.off(name);
    };
  }, [eventNames]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
