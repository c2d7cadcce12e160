export * from './bundle.validator';
export * from './stream-validator';
export * from './import-limits';
