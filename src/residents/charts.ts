import * as echarts from 'echarts'
import type { Bar, PyramidRow } from './statistics.service.ts'

/**
 * Server-side SVG charts (echarts SSR): pages carry no chart script, and the SVG is readable
 * by screen readers through its title and the table printed beside it.
 */
const COLORS = ['#1d6b57', '#c2662d', '#3a6ea5', '#8a5a9e', '#b08d1a', '#4f7f3a', '#a4444a', '#5b6770']
const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: 13, color: '#222' }

function render(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  chart.setOption({ animation: false, color: COLORS, textStyle: FONT, ...option })
  const svg = chart.renderToSVGString()
  chart.dispose()

  return svg
}

/** Horizontal bars, longest first: reads well at 360 px and with long Indonesian labels. */
export function barChartSvg(bars: Bar[], opts: { width?: number } = {}): string {
  const width = opts.width ?? 520
  const height = Math.max(120, 34 + bars.length * 28)
  const data = [...bars].reverse()

  return render({
    grid: { left: 24, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', splitLine: { lineStyle: { color: '#e5e5e5' } }, axisLabel: { ...FONT } },
    yAxis: { type: 'category', data: data.map((b) => (b.label.length > 28 ? b.label.slice(0, 27) + '…' : b.label)), axisLabel: { ...FONT } },
    series: [{ type: 'bar', data: data.map((b) => b.value), label: { show: true, position: 'right', ...FONT }, barMaxWidth: 22 }],
  }, width, height)
}

/** The population pyramid: men to the left, women to the right, youngest at the bottom. */
export function pyramidSvg(rows: PyramidRow[], opts: { width?: number } = {}): string {
  const width = opts.width ?? 520

  return render({
    legend: { data: ['Laki-laki', 'Perempuan'], top: 0, textStyle: FONT },
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { ...FONT, formatter: (v: number) => String(Math.abs(v)) }, splitLine: { lineStyle: { color: '#e5e5e5' } } },
    yAxis: { type: 'category', data: rows.map((r) => r.group), axisLabel: { ...FONT } },
    series: [
      { name: 'Laki-laki', type: 'bar', stack: 'p', data: rows.map((r) => -r.male), itemStyle: { color: '#3a6ea5' } },
      { name: 'Perempuan', type: 'bar', stack: 'p', data: rows.map((r) => r.female), itemStyle: { color: '#c2662d' } },
    ],
  }, width, 40 + rows.length * 22)
}
