export * from './bar.js';
export * from './heatmap.js';
export * from './svg.js';
