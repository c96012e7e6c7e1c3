export * from './io/index.js';
