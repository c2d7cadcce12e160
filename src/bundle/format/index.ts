export * from './bundle.model';
export * from './node-properties';
export * from './utf8-guard';
export * from './stream-records';
export * from './record-kinds';
