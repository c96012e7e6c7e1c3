export * from './backends/index.js';
export * from './io/index.js';
