export * from './confusion.js';
export * from './format.js';
export * from './report.js';
export * from './summary.js';
