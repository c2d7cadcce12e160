import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
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
import { IsEntityId, IsPartialDate } from '../model/validators';
import {
  ActorKind,
  AllegationStatus,
  ClaimType,
  EventType,
  LocationKind,
  MAX_CREDIBILITY,
  MIN_CREDIBILITY,
  ParticipationRole,
  RelationshipType,
  Reliability,
  SourceKind,
} from '../model/vocabulary';

/**
 * The bundle format (version 1): how the seed is written and how graphs are imported and
 * exported. Field rules live here as class-validator decorators; rules that span records
 * (unique ids, references, endpoint kinds) are in bundle.validator.ts. See seed/README.md.
 */

export const BUNDLE_FORMAT = 'sahel-graph-bundle';
export const BUNDLE_VERSION = 1;
const MAX_TEXT = 2_000;
const MAX_EXCERPT = 1_000;
const MAX_NAME = 200;
const MAX_ALIASES = 50;
const MAX_SOURCES_PER_CLAIM = 50;

export class BundleQuantity {
  @IsString() @Length(1, MAX_NAME) measure!: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) value!: number;
  @IsOptional() @IsBoolean() approximate?: boolean;
}

/** What every claim carries: its sources, an excerpt as evidence, and a credibility grade. */
export abstract class BundleEvidence {
  @IsArray()
  @ArrayMinSize(1, { message: 'sourceIds must cite at least one source' })
  @ArrayMaxSize(MAX_SOURCES_PER_CLAIM)
  @ArrayUnique()
  @IsEntityId({ each: true })
  sourceIds!: string[];

  @IsInt() @Min(MIN_CREDIBILITY) @Max(MAX_CREDIBILITY) credibility!: number;

  @IsString() @Length(1, MAX_EXCERPT) excerpt!: string;
}

export class BundleSource {
  @IsEntityId() id!: string;
  @IsString() @Length(1, MAX_NAME) title!: string;
  @IsEnum(SourceKind) kind!: SourceKind;
  @IsOptional() @IsString() @MaxLength(MAX_NAME) publisher?: string;
  @IsOptional() @IsString() @MaxLength(MAX_NAME) author?: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) url?: string;
  @IsOptional() @IsPartialDate() published?: string;
  @IsEnum(Reliability) reliability!: Reliability;
  @IsOptional() @IsString() @MaxLength(MAX_TEXT) description?: string;
}

abstract class BundleNamedEntity extends BundleEvidence {
  @IsEntityId() id!: string;
  @IsString() @Length(1, MAX_NAME) name!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALIASES)
  @IsString({ each: true })
  @Length(1, MAX_NAME, { each: true })
  aliases?: string[];

  @IsOptional() @IsString() @MaxLength(MAX_TEXT) description?: string;
}

export class BundleActor extends BundleNamedEntity {
  @IsEnum(ActorKind) kind!: ActorKind;
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as ML' }) country?: string;
}

export class BundleLocation extends BundleNamedEntity {
  @IsEnum(LocationKind) kind!: LocationKind;
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'isoCode must be an ISO 3166-1 alpha-2 code such as ML' }) isoCode?: string;
  @IsOptional() @IsLatitude() latitude?: number;
  @IsOptional() @IsLongitude() longitude?: number;
}

export class BundleEvent extends BundleEvidence {
  @IsEntityId() id!: string;
  @IsEnum(EventType) type!: EventType;
  @IsString() @Length(1, MAX_NAME) title!: string;
  @IsOptional() @IsString() @MaxLength(MAX_TEXT) description?: string;
  @IsOptional() @IsPartialDate() start?: string;
  @IsOptional() @IsPartialDate() end?: string;
  @IsOptional() @ValidateNested() @Type(() => BundleQuantity) quantity?: BundleQuantity;
}

export class BundleAllegation extends BundleEvidence {
  @IsEntityId() id!: string;
  @IsString() @Length(1, MAX_TEXT) statement!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(ClaimType, { each: true })
  claimTypes!: ClaimType[];

  @IsEnum(AllegationStatus) status!: AllegationStatus;
  @IsOptional() @IsPartialDate() date?: string;
}

export class BundleRelationship extends BundleEvidence {
  @IsEnum(RelationshipType) type!: RelationshipType;
  @IsEntityId() from!: string;
  @IsEntityId() to!: string;
  @IsOptional() @IsPartialDate() validFrom?: string;
  @IsOptional() @IsPartialDate() validTo?: string;
  @IsOptional() @IsEnum(ParticipationRole) role?: ParticipationRole;
  @IsOptional() @ValidateNested() @Type(() => BundleQuantity) quantity?: BundleQuantity;
  @IsOptional() @IsPartialDate() date?: string;
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
