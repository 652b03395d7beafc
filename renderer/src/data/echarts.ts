import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from './chart-model.js';

// Only the parts of Apache ECharts the data view uses. On screen charts are SVG (crisp at any zoom,
// text selectable by assistive tools, and the same renderer that writes the SVG export); the canvas
// renderer is there only to make the PNG export.

use([
  LineChart,
  BarChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapContinuousComponent,
  AriaComponent,
  TitleComponent,
  GraphicComponent,
  SVGRenderer,
  CanvasRenderer,
]);

export { type EChartsType, init };

/** Width of an exported picture in CSS pixels (the PNG is drawn at twice that). */
export const EXPORT_WIDTH = 1200;

/** An exported picture as SVG text: rendered server-side style, with no DOM element involved. */
export function renderSvg(option: ChartOption, height: number): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: EXPORT_WIDTH, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * An exported picture as PNG (base64, without the data: prefix). The SVG renderer cannot rasterise,
 * so a canvas chart is drawn in a detached element at twice the resolution.
 */
export function renderPng(option: ChartOption, height: number, background: string): string {
  const host = document.createElement('div');
  const chart = init(host, undefined, {
    renderer: 'canvas',
    width: EXPORT_WIDTH,
    height,
    devicePixelRatio: 2,
  });
  try {
    chart.setOption(option);
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
    const comma = url.indexOf(',');
    return url.slice(comma + 1);
  } finally {
    chart.dispose();
  }
}
