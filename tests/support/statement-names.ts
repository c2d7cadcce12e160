import {
  KNOWN_ENTITIES_STATEMENT,
  LOCK_ENTITIES_STATEMENT,
  upsertNodesStatement,
  upsertRelationshipsStatement,
} from '../../src/bundle/load';
import { ENTITY_STATES, LOCK_EXISTING_ENTITIES, LOCK_RELATIONSHIP } from '../../src/curation/curation.repository';
import { COMBINE_PROPERTIES, moveRelationshipsStatement, RETIRE_DUPLICATES } from '../../src/curation/merge.repository';
import { RETRACT_ENTITY, RETRACT_RELATIONSHIP } from '../../src/curation/retraction.repository';
import { EntityKind, LABEL_OF_ACTOR_KIND, LABEL_OF_LOCATION_KIND, RelationshipType } from '../../src/model/vocabulary';
import { EDGE_BETWEEN, VISIBLE_EDGE_BETWEEN } from '../../src/relationships/relationship.repository';
import type { Recorded } from './recording-database';

/**
 * The write path runs the same few statements in many use cases (locks, checks, one upsert per
 * kind or relationship type). Their full text is pinned once, where they are defined
 * (curation, merge and retraction .cypher tests); a use case's snapshot names them instead, so
 * it shows the order of statements and every parameter without repeating pages of Cypher. A
 * statement that matches no name appears in full.
 */
const NAMES = new Map<string, string>(
  [
    [LOCK_ENTITIES_STATEMENT, 'LOCK_ENTITIES_STATEMENT'],
    [KNOWN_ENTITIES_STATEMENT, 'KNOWN_ENTITIES_STATEMENT'],
    [LOCK_EXISTING_ENTITIES, 'LOCK_EXISTING_ENTITIES'],
    [ENTITY_STATES, 'ENTITY_STATES'],
    [LOCK_RELATIONSHIP, 'LOCK_RELATIONSHIP'],
    [EDGE_BETWEEN, 'EDGE_BETWEEN'],
    [VISIBLE_EDGE_BETWEEN, 'VISIBLE_EDGE_BETWEEN'],
    [RETRACT_ENTITY, 'RETRACT_ENTITY'],
    [RETRACT_RELATIONSHIP, 'RETRACT_RELATIONSHIP'],
    [COMBINE_PROPERTIES, 'COMBINE_PROPERTIES'],
    [RETIRE_DUPLICATES, 'RETIRE_DUPLICATES'],
    [upsertNodesStatement(EntityKind.SOURCE), 'upsertNodesStatement(SOURCE)'],
    [upsertNodesStatement(EntityKind.EVENT), 'upsertNodesStatement(EVENT)'],
    [upsertNodesStatement(EntityKind.ALLEGATION), 'upsertNodesStatement(ALLEGATION)'],
    ...Object.values(LABEL_OF_ACTOR_KIND).map((label): [string, string] => [
      upsertNodesStatement(EntityKind.ACTOR, label),
      `upsertNodesStatement(ACTOR, ${label})`,
    ]),
    ...Object.values(LABEL_OF_LOCATION_KIND).map((label): [string, string] => [
      upsertNodesStatement(EntityKind.LOCATION, label),
      `upsertNodesStatement(LOCATION, ${label})`,
    ]),
    ...Object.values(RelationshipType).map((type): [string, string] => [
      upsertRelationshipsStatement(type),
      `upsertRelationshipsStatement(${type})`,
    ]),
    ...Object.values(RelationshipType).map((type): [string, string] => [
      moveRelationshipsStatement(type),
      `moveRelationshipsStatement(${type})`,
    ]),
  ].map(([cypher, name]) => [cypher.trim(), name]),
);

export interface NamedStatement {
  operation: string;
  /** The statement's name (see NAMES) or, for any other statement, its full text. */
  statement: string;
  params: Record<string, unknown>;
}

export function named(recorded: readonly Recorded[]): NamedStatement[] {
  return recorded.map(({ operation, cypher, params }) => ({
    operation,
    statement: NAMES.get(cypher) ?? cypher,
    params,
  }));
}
