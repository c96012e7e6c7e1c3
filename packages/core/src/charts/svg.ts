/**
 * Small SVG building blocks shared by serkit's charts (bar, heat map, line, confusion matrix).
 * Pure string generation with web-standard APIs only, so charts render the same in Node, Deno and
 * browsers. Every text passes through `escapeXml`: labels come from file names and plugins.
 */

/** Escape text for use in SVG element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A number for an attribute: at most 2 decimals, no trailing zeros, never NaN. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '0';
  return String(Math.round(value * 100) / 100);
}

export type Attributes = Readonly<Record<string, string | number | undefined>>;

function renderAttributes(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join('');
}

/** One element; `children` is already-rendered SVG (use `text()` for escaped text content). */
export function element(name: string, attributes: Attributes, children = ''): string {
  const attrs = renderAttributes(attributes);
  return children === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${children}</${name}>`;
}

/** A rectangle; `tooltip` becomes a `<title>` child that viewers show on hover. */
export function rect(
  x: number,
  y: number,
  width: number,
  height: number,
  attributes: Attributes = {},
  tooltip?: string,
): string {
  const children = tooltip === undefined ? '' : element('title', {}, escapeXml(tooltip));
  return element('rect', { x, y, width: Math.max(0, width), height: Math.max(0, height), ...attributes }, children);
}

export function line(x1: number, y1: number, x2: number, y2: number, attributes: Attributes = {}): string {
  return element('line', { x1, y1, x2, y2, stroke: '#333', ...attributes });
}

export function text(x: number, y: number, content: string, attributes: Attributes = {}): string {
  return element('text', { x, y, ...attributes }, escapeXml(content));
}

/** A whole SVG document with a white background, a default font and an optional centred title. */
export function svgDocument(width: number, height: number, body: string, title?: string): string {
  const heading =
    title === undefined
      ? ''
      : text(width / 2, 22, title, { 'text-anchor': 'middle', 'font-size': 16, 'font-weight': 'bold' });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="sans-serif" font-size="12">` +
    (title === undefined ? '' : element('title', {}, escapeXml(title))) +
    rect(0, 0, width, height, { fill: '#fff' }) +
    heading +
    body +
    '</svg>\n'
  );
}

/** A linear map from the domain [d0, d1] to the range [r0, r1]; a zero-width domain maps to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** About `count` round tick values (1, 2 or 5 times a power of ten) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (max < min) [min, max] = [max, min];
  if (max === min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Math.round(v / step) * step);
  }
  return ticks;
}

/** Tick label: integers as is, others with up to 3 significant decimals. */
export function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}

/** A categorical palette (Tableau 10), readable on white and for common colour-vision deficiencies. */
export const PALETTE: readonly string[] = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

export type Rgb = readonly [number, number, number];

/** Piecewise-linear colour map through `stops` (evenly spaced); `t` is clamped to [0, 1]. */
export function colorMap(stops: readonly Rgb[], t: number): string {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(position));
  const f = position - i;
  const [a, b] = [stops[i], stops[i + 1]];
  const channel = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${channel(0)},${channel(1)},${channel(2)})`;
}

/** Matplotlib's 'coolwarm' (diverging; librosa's specshow default for data with both signs). */
export const COOLWARM: readonly Rgb[] = [
  [59, 76, 192],
  [124, 159, 249],
  [192, 212, 245],
  [242, 203, 183],
  [238, 132, 104],
  [180, 4, 38],
];

/** Matplotlib's 'magma' (sequential; librosa's specshow default for non-negative data). */
export const MAGMA: readonly Rgb[] = [
  [0, 0, 4],
  [59, 15, 112],
  [140, 41, 129],
  [222, 73, 104],
  [254, 159, 109],
  [252, 253, 191],
];
