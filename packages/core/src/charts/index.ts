export * from './bar.js';
export * from './confusion.js';
export * from './heatmap.js';
export * from './line.js';
export * from './svg.js';
