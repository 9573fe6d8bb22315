export * from './yaml-source.js';
export * from './suggest.js';
