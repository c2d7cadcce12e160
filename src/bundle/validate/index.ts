export * from './bundle.validator';
export * from './stream-validator';
export * from './import-limits';
export * from './rule';
export * from './rules';
export * from './record-fields';
export * from './excerpt-check';
export * from './file-quotes';
export { DEFAULT_RANGE_BYTES, WORKER_HEAP_MB } from './parallel-check';
