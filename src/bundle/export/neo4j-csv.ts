import { isDate, isDateTime } from 'neo4j-driver';
import type { NodeRecord } from '../../entities/entity.mapper';
import type { RelationshipRecordRow } from './bundle.export';

/**
 * The graph as CSV in the header convention of Neo4j's bulk importer (`neo4j-admin database
 * import full`), so that `npm run export -- --format neo4j-csv` followed by `npm run import:bulk`
 * rebuilds the same entities, relationships and properties, with the same Neo4j types.
 *
 * A separate format from `--format csv` on purpose: that one is for spreadsheets and Gephi (a
 * few columns, lists joined for reading, formula-looking cells defused with an apostrophe),
 * which a lossless load cannot use. Here every stored property has a column typed as the model
 * stores it (node-properties.ts): `credibility:double`, `sourceIds:string[]`, `startDate:date`,
 * `createdAt:datetime`; plain text columns carry no type (string is the importer's default).
 *
 * What CSV cannot say is recorded beside it, in files the loader reads:
 * - an empty list (events store `aliases: []`): the importer reads an empty array cell as "no
 *   property", so such properties are listed in empty-lists.jsonl and set after the import;
 * - whether any text holds a line break (the importer then needs --multiline-fields, which is
 *   slower): manifest.json says so.
 * A property the column list does not know, or a value of another type, stops the export with an
 * error naming it, rather than leaving it out of a load that claims to be complete.
 */

export const NEO4J_CSV_FORMAT = 'sahel-graph-neo4j-csv';
export const NEO4J_CSV_VERSION = 1;
/** The importer's default (--array-delimiter); a list item holding it cannot be written. */
export const ARRAY_DELIMITER = ';';

export const NEO4J_CSV_FILES = {
  nodes: 'nodes.csv',
  relationships: 'relationships.csv',
  emptyLists: 'empty-lists.jsonl',
  manifest: 'manifest.json',
} as const;

/** The importer's names for the Neo4j types this model stores. */
export type ColumnType = 'string' | 'string[]' | 'double' | 'boolean' | 'date' | 'datetime';
type Column = readonly [property: string, type: ColumnType];

const partialDate = (prefix: string): Column[] => [
  [prefix, 'string'],
  [`${prefix}Precision`, 'string'],
  [`${prefix}Date`, 'date'],
];
const QUANTITY: Column[] = [
  ['quantityMeasure', 'string'],
  ['quantityValue', 'double'],
  ['quantityApproximate', 'boolean'],
];
const EVIDENCE: Column[] = [
  ['credibility', 'double'],
  ['excerpt', 'string'],
  ['sourceIds', 'string[]'],
];
/** Written by the import path and curation (bundle.repository.ts, retraction and merge repositories). */
const BOOKKEEPING: Column[] = [
  ['contentHash', 'string'],
  ['createdAt', 'datetime'],
  ['updatedAt', 'datetime'],
  ['retracted', 'boolean'],
  ['retractedReason', 'string'],
  ['retractedAt', 'string'],
  ['retractedBy', 'string'],
  ['mergedInto', 'string'],
  // The import run that last created or updated the record (src/bundle/load/stream-import.repository.ts).
  ['importRun', 'string'],
  // Who holds the record: the import runs that wrote or confirmed it, or 'curated' (record-holders.ts).
  ['heldBy', 'string[]'],
];

/** Every property a node of any kind stores (node-properties.ts), in a readable order; `id` is the `:ID`. */
export const NODE_COLUMNS: readonly Column[] = [
  ['name', 'string'],
  ['aliases', 'string[]'],
  ['kind', 'string'],
  ['type', 'string'],
  ['status', 'string'],
  ['description', 'string'],
  ['country', 'string'],
  ['isoCode', 'string'],
  ['latitude', 'double'],
  ['longitude', 'double'],
  ['publisher', 'string'],
  ['author', 'string'],
  ['url', 'string'],
  ...partialDate('published'),
  ['reliability', 'string'],
  ['tlp', 'string'],
  ['plural', 'boolean'],
  ['claimTypes', 'string[]'],
  ['claimCredibility', 'double'],
  ...partialDate('start'),
  ...partialDate('end'),
  ...partialDate('date'),
  ...QUANTITY,
  ...EVIDENCE,
  // ACLED's coding of an event it imported (src/interop/acled/acled.repository.ts).
  ['acledEventId', 'string'],
  ['externalIds', 'string[]'],
  ['acledEventType', 'string'],
  ['acledSubEventType', 'string'],
  ['acledTimePrecision', 'double'],
  ...BOOKKEEPING,
];

/** Every property a relationship stores (relationshipProps in node-properties.ts). */
export const RELATIONSHIP_COLUMNS: readonly Column[] = [
  ['id', 'string'],
  ...partialDate('validFrom'),
  ...partialDate('validTo'),
  ...partialDate('date'),
  ['role', 'string'],
  ['tlp', 'string'],
  ['geoPrecision', 'double'],
  ...QUANTITY,
  ...EVIDENCE,
  ...BOOKKEEPING,
];

/** What the loader needs to know about an export folder (manifest.json). */
export interface Neo4jCsvManifest {
  format: typeof NEO4J_CSV_FORMAT;
  version: number;
  files: typeof NEO4J_CSV_FILES;
  arrayDelimiter: string;
  /** Some text holds a line break: the importer must run with --multiline-fields=true. */
  multilineFields: boolean;
  counts: { nodes: number; relationships: number; emptyLists: number };
}

/** One line of empty-lists.jsonl: the properties of a node or relationship that are empty lists. */
export type EmptyListsRecord =
  { node: string; properties: string[] } | { relationship: string; from: string; properties: string[] };

export class Neo4jCsvError extends Error {}

const headerCell = ([property, type]: Column) => (type === 'string' ? property : `${property}:${type}`);

/**
 * Quoted when the importer would otherwise misread it: a delimiter, quote or line break inside,
 * or an empty string (unquoted, an empty cell is "no property"; quoted, it is "").
 */
const cell = (text: string) => (text === '' || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Turns pages of the graph into rows of nodes.csv and relationships.csv, counting as it goes. */
export class Neo4jCsvWriter {
  private readonly counts = { nodes: 0, relationships: 0, emptyLists: 0 };
  private multiline = false;
  private readonly knownNodeProperties = new Set(['id', ...NODE_COLUMNS.map(([property]) => property)]);
  private readonly knownRelationshipProperties = new Set(RELATIONSHIP_COLUMNS.map(([property]) => property));

  nodesHeader(): string {
    return ['id:ID', ':LABEL', ...NODE_COLUMNS.map(headerCell)].join(',') + '\n';
  }

  relationshipsHeader(): string {
    return [':START_ID', ':END_ID', ':TYPE', ...RELATIONSHIP_COLUMNS.map(headerCell)].join(',') + '\n';
  }

  /** CSV rows for `nodes`, and the empty-lists.jsonl lines for those that store an empty list. */
  nodes(nodes: NodeRecord[]): { csv: string; emptyLists: string } {
    let csv = '';
    let emptyLists = '';
    for (const { props, labels } of nodes) {
      const id = String(props.id);
      this.checkKnown(props, this.knownNodeProperties, `entity ${id}`);
      const empty: string[] = [];
      const cells = NODE_COLUMNS.map((column) => this.value(props[column[0]], column, `entity ${id}`, empty));
      const labelCell = labels.map((label) => this.listItem(label, `labels of entity ${id}`)).join(ARRAY_DELIMITER);
      csv += [cell(this.text(id)), labelCell, ...cells].join(',') + '\n';
      if (empty.length > 0) emptyLists += this.emptyListsLine({ node: id, properties: empty });
      this.counts.nodes += 1;
    }
    return { csv, emptyLists };
  }

  /** CSV rows for `relationships`, and the empty-lists.jsonl lines for those that store an empty list. */
  relationships(relationships: RelationshipRecordRow[]): { csv: string; emptyLists: string } {
    let csv = '';
    let emptyLists = '';
    for (const { type, props, fromId, toId } of relationships) {
      const where = `relationship ${String(props.id)} (${fromId})-[:${type}]->(${toId})`;
      this.checkKnown(props, this.knownRelationshipProperties, where);
      const empty: string[] = [];
      const cells = RELATIONSHIP_COLUMNS.map((column) => this.value(props[column[0]], column, where, empty));
      csv += [cell(this.text(fromId)), cell(this.text(toId)), type, ...cells].join(',') + '\n';
      if (empty.length > 0) {
        emptyLists += this.emptyListsLine({ relationship: String(props.id), from: fromId, properties: empty });
      }
      this.counts.relationships += 1;
    }
    return { csv, emptyLists };
  }

  manifest(): Neo4jCsvManifest {
    return {
      format: NEO4J_CSV_FORMAT,
      version: NEO4J_CSV_VERSION,
      files: NEO4J_CSV_FILES,
      arrayDelimiter: ARRAY_DELIMITER,
      multilineFields: this.multiline,
      counts: { ...this.counts },
    };
  }

  private emptyListsLine(record: EmptyListsRecord): string {
    this.counts.emptyLists += 1;
    return JSON.stringify(record) + '\n';
  }

  private checkKnown(props: Record<string, unknown>, known: Set<string>, where: string): void {
    for (const property of Object.keys(props)) {
      if (!known.has(property)) {
        throw new Neo4jCsvError(
          `${where} stores "${property}", which has no column in the neo4j-csv export; ` +
            'add it with its type to NODE_COLUMNS or RELATIONSHIP_COLUMNS in src/bundle/neo4j-csv.ts',
        );
      }
    }
  }

  private value(value: unknown, [property, type]: Column, where: string, emptyLists: string[]): string {
    if (value === null || value === undefined) return '';
    const wrongType = () =>
      new Neo4jCsvError(`${where}: "${property}" holds ${JSON.stringify(String(value))}, not a ${type}`);
    switch (type) {
      case 'string':
        if (typeof value !== 'string') throw wrongType();
        return cell(this.text(value));
      case 'string[]': {
        if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw wrongType();
        if (value.length === 0) {
          emptyLists.push(property);
          return '';
        }
        return cell(value.map((item: string) => this.listItem(item, `${where}: "${property}"`)).join(ARRAY_DELIMITER));
      }
      case 'double':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType();
        return String(value);
      case 'boolean':
        if (typeof value !== 'boolean') throw wrongType();
        return String(value);
      case 'date':
        if (!isDate(value)) throw wrongType();
        return String(value);
      case 'datetime':
        if (!isDateTime(value)) throw wrongType();
        return String(value);
    }
  }

  private text(value: string): string {
    if (!this.multiline && /[\r\n]/.test(value)) this.multiline = true;
    return value;
  }

  /** A list item is written between delimiters: it must not hold one, nor be empty (that would read as no item). */
  private listItem(item: string, where: string): string {
    if (item === '' || item.includes(ARRAY_DELIMITER)) {
      throw new Neo4jCsvError(
        `${where} has the list item ${JSON.stringify(item)}, which Neo4j's importer cannot read back ` +
          `(list items are split on "${ARRAY_DELIMITER}" and an empty item is dropped)`,
      );
    }
    return this.text(item);
  }
}
