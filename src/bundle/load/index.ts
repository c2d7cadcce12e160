export * from './bundle.repository';
export * from './stream-import.repository';
export * from './stream-import.service';
export * from './record-holders';
export * from './bulk-load.repository';
