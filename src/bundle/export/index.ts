export * from './bundle.export';
export * from './export.repository';
export * from './export.service';
export * from './graph-formats';
export * from './neo4j-csv';
