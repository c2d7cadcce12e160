import 'reflect-metadata';
import { Type } from 'class-transformer';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsEntityId, IsPartialDate, IsUniqueList } from '../../model/validators';
import {
  ActorKind,
  AllegationStatus,
  ClaimType,
  DEFAULT_CLAIM_CREDIBILITY,
  EventStatus,
  EventType,
  LocationKind,
  MAX_CREDIBILITY,
  MIN_CREDIBILITY,
  ParticipationRole,
  RelationshipType,
  Reliability,
  SourceKind,
  Tlp,
} from '../../model/vocabulary';

/**
 * The bundle format (version 1): how the seed is written and how graphs are imported and
 * exported. Field rules live here as class-validator decorators; rules that span records
 * (unique ids, references, endpoint kinds) are in validate/rules/. See seed/README.md.
 */

export const BUNDLE_FORMAT = 'sahel-graph-bundle';
export const BUNDLE_VERSION = 1;

/** A bundle with every section empty, for a writer that fills sections (or writes one slice) itself. */
export const emptyBundle = () => ({
  format: BUNDLE_FORMAT,
  version: BUNDLE_VERSION,
  sources: [],
  actors: [],
  locations: [],
  events: [],
  allegations: [],
  relationships: [],
});
const MAX_TEXT = 2_000;
const MAX_EXCERPT = 1_000;
const MAX_NAME = 200;
const MAX_ALIASES = 50;
const MAX_SOURCES_PER_CLAIM = 50;

@InputType('QuantityInput', { description: 'A reported figure' })
export class BundleQuantity {
  @Field() @IsString() @Length(1, MAX_NAME) measure!: string;
  @Field(() => Float) @IsNumber({ allowNaN: false, allowInfinity: false }) value!: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() approximate?: boolean;
}

/** Offsets in a document's text stay below this: a document is at most 10 MB (docs/documents.md). */
export const MAX_DOCUMENT_OFFSET = 20_000_000;

/** What every claim carries: its sources, an excerpt as evidence, and a credibility grade. */
@InputType() // abstract: only the subclasses below are in the schema
export abstract class BundleEvidence {
  @Field(() => [ID], { description: 'Ids of the sources that back it (at least one)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'sourceIds must cite at least one source' })
  @ArrayMaxSize(MAX_SOURCES_PER_CLAIM)
  @IsUniqueList()
  @IsEntityId({ each: true })
  sourceIds!: string[];

  @Field(() => Int, { description: 'Information credibility 1 (confirmed) ... 6 (cannot be judged)' })
  @IsInt()
  @Min(MIN_CREDIBILITY)
  @Max(MAX_CREDIBILITY)
  credibility!: number;

  @Field({ description: 'The words of the source that back it' })
  @IsString()
  @Length(1, MAX_EXCERPT)
  excerpt!: string;

  /**
   * The item's own TLP level, when it is stricter than its sources warrant (a STIX object's
   * marking, kept by the import: docs/stix.md). Bundle files only, not a GraphQL input.
   */
  @IsOptional() @IsEnum(Tlp) tlp?: Tlp;

  /**
   * Where `excerpt` stands in a stored document (one of `sourceIds`), as UTF-16 offsets into its
   * text: all three or none. The import refuses an excerpt that is not the document's text there
   * (issue 22: provenance back to the sentence). Bundle files only, not a GraphQL input; a
   * document review writes them itself.
   */
  @IsOptional() @IsEntityId() excerptSourceId?: string;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_DOCUMENT_OFFSET) excerptStart?: number;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_DOCUMENT_OFFSET) excerptEnd?: number;
}

@InputType('SourceInput', { description: 'A source, created or updated by id' })
export class BundleSource {
  @Field(() => ID) @IsEntityId() id!: string;
  @Field() @IsString() @Length(1, MAX_NAME) title!: string;
  @Field(() => SourceKind) @IsEnum(SourceKind) kind!: SourceKind;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(MAX_NAME) publisher?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(MAX_NAME) author?: string;
  @Field({ nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url?: string;
  @Field({ nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD' })
  @IsOptional()
  @IsPartialDate()
  published?: string;
  @Field(() => Reliability) @IsEnum(Reliability) reliability!: Reliability;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(MAX_TEXT) description?: string;
  @Field(() => Tlp, {
    nullable: true,
    description: 'Who may see it and what only it backs (TLP 2.0); CLEAR when left out',
  })
  @IsOptional()
  @IsEnum(Tlp)
  tlp?: Tlp;
}

@InputType() // abstract
abstract class BundleNamedEntity extends BundleEvidence {
  @Field(() => ID) @IsEntityId() id!: string;
  @Field() @IsString() @Length(1, MAX_NAME) name!: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALIASES)
  @IsString({ each: true })
  @Length(1, MAX_NAME, { each: true })
  aliases?: string[];

  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(MAX_TEXT) description?: string;
}

@InputType('ActorInput', { description: 'An actor, created or updated by id' })
export class BundleActor extends BundleNamedEntity {
  @Field(() => ActorKind) @IsEnum(ActorKind) kind!: ActorKind;
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as ML' })
  country?: string;

  @Field(() => BundleQuantity, {
    nullable: true,
    description: 'For a GROUP: how many people it stands for (six abducted drivers)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => BundleQuantity)
  quantity?: BundleQuantity;

  @Field({
    nullable: true,
    description: 'The name is a plural noun ("French forces are"), so explanations agree with it',
  })
  @IsOptional()
  @IsBoolean()
  plural?: boolean;
}

@InputType('LocationInput', { description: 'A place, created or updated by id' })
export class BundleLocation extends BundleNamedEntity {
  @Field(() => LocationKind) @IsEnum(LocationKind) kind!: LocationKind;
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'isoCode must be an ISO 3166-1 alpha-2 code such as ML' })
  isoCode?: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLatitude() latitude?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsLongitude() longitude?: number;
}

@InputType('EventInput', { description: 'An event, created or updated by id' })
export class BundleEvent extends BundleEvidence {
  @Field(() => ID) @IsEntityId() id!: string;
  @Field(() => EventType) @IsEnum(EventType) type!: EventType;
  @Field() @IsString() @Length(1, MAX_NAME) title!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(MAX_TEXT) description?: string;
  @Field({ nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD' }) @IsOptional() @IsPartialDate() start?: string;
  @Field({ nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD' }) @IsOptional() @IsPartialDate() end?: string;
  @Field(() => BundleQuantity, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BundleQuantity)
  quantity?: BundleQuantity;

  @Field(() => EventStatus, { nullable: true, description: 'Whether it happened; OCCURRED when left out' })
  @IsOptional()
  @IsEnum(EventStatus)
  status?: EventStatus;
}

@InputType('AllegationInput', { description: 'An allegation, created or updated by id' })
export class BundleAllegation extends BundleEvidence {
  @Field(() => ID) @IsEntityId() id!: string;
  @Field() @IsString() @Length(1, MAX_TEXT) statement!: string;

  @Field(() => [ClaimType])
  @IsArray()
  @ArrayMinSize(1)
  @IsUniqueList()
  @IsEnum(ClaimType, { each: true })
  claimTypes!: ClaimType[];

  @Field(() => AllegationStatus) @IsEnum(AllegationStatus) status!: AllegationStatus;

  @Field(() => Int, {
    nullable: true,
    description: `Credibility of what the claim says, 1-6 (${DEFAULT_CLAIM_CREDIBILITY}, cannot be judged, when left out); \`credibility\` grades that the claim was made`,
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_CREDIBILITY)
  @Max(MAX_CREDIBILITY)
  claimCredibility?: number;

  @Field({ nullable: true, description: 'When it was made: YYYY, YYYY-MM or YYYY-MM-DD' })
  @IsOptional()
  @IsPartialDate()
  date?: string;
}

@InputType('RelationshipInput', { description: 'A relationship between two existing entities, with its evidence' })
export class BundleRelationship extends BundleEvidence {
  @Field(() => RelationshipType) @IsEnum(RelationshipType) type!: RelationshipType;
  @Field(() => ID) @IsEntityId() from!: string;
  @Field(() => ID) @IsEntityId() to!: string;
  @Field({ nullable: true }) @IsOptional() @IsPartialDate() validFrom?: string;
  @Field({ nullable: true }) @IsOptional() @IsPartialDate() validTo?: string;
  @Field(() => ParticipationRole, { nullable: true }) @IsOptional() @IsEnum(ParticipationRole) role?: ParticipationRole;
  @Field(() => BundleQuantity, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BundleQuantity)
  quantity?: BundleQuantity;
  @Field({ nullable: true, description: 'When it happened (e.g. a denial)' })
  @IsOptional()
  @IsPartialDate()
  date?: string;
}

export class Bundle {
  @Equals(BUNDLE_FORMAT, { message: `format must be "${BUNDLE_FORMAT}"` }) format!: string;
  @IsIn([BUNDLE_VERSION], { message: `version must be ${BUNDLE_VERSION}` }) version!: number;
  @IsOptional() @IsString() @MaxLength(MAX_TEXT) description?: string;

  @IsArray() @ValidateNested({ each: true }) @Type(() => BundleSource) sources: BundleSource[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => BundleActor) actors: BundleActor[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => BundleLocation) locations: BundleLocation[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => BundleEvent) events: BundleEvent[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => BundleAllegation) allegations: BundleAllegation[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => BundleRelationship) relationships: BundleRelationship[] = [];
}
