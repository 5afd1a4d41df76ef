/**
 * Chart.js, registered with only what the dashboard draws: line and bar charts on category
 * and linear scales, with legend and tooltip. Loaded with a dynamic `import()` by the chart
 * wrapper (ChartCanvas.svelte), so Chart.js never weighs on the first screen.
 * Also paints the fill patterns that tell bars apart without colour.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { PatternKind } from './chartConfig';

Chart.register(
  LineController,
  BarController,
  LineElement,
  PointElement,
  BarElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export function createChart(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<'line' | 'bar'>,
): Chart<'line' | 'bar'> {
  return new Chart(canvas, config);
}

/** Relative luminance (WCAG) of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (k: number) => {
    const c = parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

const cache = new Map<string, CanvasPattern | string>();

/**
 * A 12-pixel tile of `colour` overlaid with stripes, dots or hatching, in black or white,
 * whichever stands out from the colour.
 */
export function paintPattern(colour: string, kind: PatternKind): CanvasPattern | string {
  const key = `${colour}/${kind}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const size = 12;
  const tile = document.createElement('canvas');
  tile.width = tile.height = size;
  const ctx = tile.getContext('2d');
  if (!ctx) return colour;
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, size, size);
  const ink = luminance(colour) > 0.3 ? 'rgba(0, 0, 0, 0.55)' : 'rgba(255, 255, 255, 0.7)';
  ctx.strokeStyle = ink;
  ctx.fillStyle = ink;
  ctx.lineWidth = 2;
  const line = (x1: number, y1: number, x2: number, y2: number) => {
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  };
  switch (kind) {
    case 'diagonal':
      line(0, size, size, 0);
      line(-size / 2, size / 2, size / 2, -size / 2);
      line(size / 2, size * 1.5, size * 1.5, size / 2);
      break;
    case 'reverseDiagonal':
      line(0, 0, size, size);
      line(-size / 2, size / 2, size / 2, size * 1.5);
      line(size / 2, -size / 2, size * 1.5, size / 2);
      break;
    case 'dots':
      ctx.beginPath();
      ctx.arc(size / 4, size / 4, 1.8, 0, 2 * Math.PI);
      ctx.arc((3 * size) / 4, (3 * size) / 4, 1.8, 0, 2 * Math.PI);
      ctx.fill();
      break;
    case 'horizontal':
      line(0, size / 2, size, size / 2);
      break;
    case 'vertical':
      line(size / 2, 0, size / 2, size);
      break;
    case 'cross':
      line(0, 0, size, size);
      line(0, size, size, 0);
      break;
    case 'grid':
      line(0, size / 2, size, size / 2);
      line(size / 2, 0, size / 2, size);
      break;
    case 'solid':
      break;
  }
  const pattern = ctx.createPattern(tile, 'repeat') ?? colour;
  cache.set(key, pattern);
  return pattern;
}
