import { registerEnumType } from 'type-graphql';
import {
  ActorKind,
  AllegationStatus,
  ClaimType,
  DatePrecision,
  EntityKind,
  EventStatus,
  EventType,
  LocationKind,
  ParticipationRole,
  RelationshipType,
  Reliability,
  SourceKind,
  Tlp,
} from '../model/vocabulary';

/** Registers the model's closed vocabularies as GraphQL enums (imported once by the schema). */

export enum Direction {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
  BOTH = 'BOTH',
}

registerEnumType(EntityKind, { name: 'EntityKind', description: 'The kinds of entity in the graph' });
registerEnumType(ActorKind, { name: 'ActorKind' });
registerEnumType(LocationKind, { name: 'LocationKind' });
registerEnumType(EventType, { name: 'EventType' });
registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Whether an event happened: OCCURRED and ONGOING are facts; THREATENED, PLANNED, CONSIDERED are not',
});
registerEnumType(ClaimType, { name: 'ClaimType', description: 'What an allegation claims the accused did' });
registerEnumType(AllegationStatus, { name: 'AllegationStatus' });
registerEnumType(SourceKind, { name: 'SourceKind' });
registerEnumType(Reliability, {
  name: 'Reliability',
  description: 'NATO/Admiralty source reliability: A completely reliable ... E unreliable, F cannot be judged',
});
registerEnumType(Tlp, {
  name: 'Tlp',
  description: 'Traffic Light Protocol 2.0: CLEAR, GREEN, AMBER, AMBER_STRICT (TLP:AMBER+STRICT), RED',
});
registerEnumType(ParticipationRole, { name: 'ParticipationRole', description: "An actor's role in an event" });
registerEnumType(RelationshipType, {
  name: 'RelationshipType',
  description: 'The closed vocabulary of relationships; REPORTED_BY and CITES are evidence links to sources',
});
registerEnumType(DatePrecision, { name: 'DatePrecision', description: 'How precise a reported date is' });
registerEnumType(Direction, {
  name: 'Direction',
  description: 'Which way a relationship points, seen from the entity asked about',
});
