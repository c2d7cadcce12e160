import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/page-info.type';
import { ParticipationRole, RelationshipType, Tlp } from '../model/vocabulary';

/**
 * A saved investigation as the caller may see it: an explorer view (entities, their places and
 * notes, notes on links, filters) kept in the graph with its author, times, TLP and history.
 * Entities hidden from the caller, and notes on links that touch them, are left out.
 */

@ObjectType({ description: 'An entity of a saved view: how it is shown, where it stands, the note on it' })
export class InvestigationEntity {
  @Field(() => ID) id!: string;
  @Field({ description: 'Its neighbourhood is drawn' }) expanded!: boolean;
  @Field({ description: 'Set aside: kept in the investigation but not drawn until shown again' }) hidden!: boolean;
  @Field({ description: 'Fixed where it stands: re-layouts do not move it' }) pinned!: boolean;
  @Field(() => Float, { nullable: true, description: 'Canvas x (model coordinates)' }) x?: number | null;
  @Field(() => Float, { nullable: true, description: 'Canvas y (model coordinates)' }) y?: number | null;
  @Field(() => String, { nullable: true, description: "The investigator's note (plain text, never HTML)" })
  note?: string | null;
}

@ObjectType({ description: 'A note on a link of the view' })
export class InvestigationLinkNote {
  @Field(() => RelationshipType) type!: RelationshipType;
  @Field(() => ID) fromId!: string;
  @Field(() => ID) toId!: string;
  @Field(() => ParticipationRole, { nullable: true }) role?: ParticipationRole | null;
  @Field({ description: 'Plain text, never HTML' }) note!: string;
}

@ObjectType({ description: "The filters the view was saved with (the explorer's filter arguments)" })
export class InvestigationFilters {
  @Field(() => [RelationshipType]) types!: RelationshipType[];
  @Field(() => Int, { nullable: true }) minCredibility?: number | null;
  @Field(() => String, { nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD' }) asOf?: string | null;
}

@ObjectType({ description: 'One save of an investigation: who, when, what changed' })
export class InvestigationVersion {
  @Field(() => Int) version!: number;
  @Field({ description: 'The identity that saved it' }) author!: string;
  @Field({ description: 'ISO 8601 UTC' }) savedAt!: string;
  @Field({ description: 'What this save changed, in words (counts only: never names what the reader cannot see)' })
  summary!: string;
}

@ObjectType({ description: 'A saved investigation (docs/investigations.md)' })
export class Investigation {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Tlp, { description: 'The marking of the investigation itself: only callers cleared for it read it' })
  tlp!: Tlp;
  @Field({ description: 'The identity that created it' }) author!: string;
  @Field({ description: 'ISO 8601 UTC' }) createdAt!: string;
  @Field({ description: 'ISO 8601 UTC' }) updatedAt!: string;
  @Field({ description: 'The identity of the last save' }) updatedBy!: string;
  @Field(() => Int, { description: 'Its version: pass it as expectedVersion to save over it' }) version!: number;
  @Field(() => Int, { description: 'The version these contents are (older than `version` when one was asked for)' })
  contentVersion!: number;
  @Field(() => [InvestigationEntity], { description: 'Its entities, those hidden from the caller left out' })
  entities!: InvestigationEntity[];
  @Field(() => [InvestigationLinkNote], { description: 'Notes on links whose two ends the caller may see' })
  links!: InvestigationLinkNote[];
  @Field(() => InvestigationFilters) filters!: InvestigationFilters;
  @Field(() => ID, { nullable: true, description: 'The path asked from here' }) pathFrom?: string | null;
  @Field(() => ID, { nullable: true, description: 'The path asked to here' }) pathTo?: string | null;
  @Field(() => ID, { nullable: true, description: 'The entity selected' }) selected?: string | null;
  @Field(() => [InvestigationVersion], { description: 'Its saves, newest first (the last versions kept)' })
  history!: InvestigationVersion[];
}

@ObjectType({ description: 'A page of the saved investigations the caller may read, newest first' })
export class InvestigationPage {
  @Field(() => [Investigation]) nodes!: Investigation[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
