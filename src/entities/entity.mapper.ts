import { excerptOffsetsOf } from '../common/excerpt-offsets';
import { Actor } from '../actors/actor.type';
import { Allegation } from '../allegations/allegation.type';
import { PartialDateType } from '../common/partial-date.type';
import { Retraction } from '../common/retraction.type';
import type { Quantity } from '../common/quantity.type';
import { Event } from '../events/event.type';
import { Location } from '../locations/location.type';
import { UnreachableCaseError } from '../errors';
import {
  DEFAULT_CLAIM_CREDIBILITY,
  EntityKind,
  EventStatus,
  KIND_OF_LABEL,
  RELIABILITY_MEANING,
  type Reliability,
  Tlp,
} from '../model/vocabulary';
import { Source } from '../sources/source.type';
import type { Entity } from './entity.interface';

/** A node as repositories return it: `{ props: properties(n), labels: labels(n) }`. */
export interface NodeRecord {
  props: Record<string, unknown>;
  labels: string[];
}

export type AnyEntity = Actor | Location | Event | Allegation | Source;

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function kindOf(labels: string[]): EntityKind {
  for (const label of labels) {
    const kind = KIND_OF_LABEL[label];
    if (kind) return kind;
  }
  throw new Error(`node with labels ${labels.join(':')} has no entity kind`);
}

export function quantityOf(props: Record<string, unknown>): Quantity | null {
  if (props.quantityMeasure === null || props.quantityMeasure === undefined) return null;
  return {
    measure: String(props.quantityMeasure),
    value: Number(props.quantityValue),
    approximate: Boolean(props.quantityApproximate),
  };
}

/** Turns a stored node into the GraphQL object of its kind (instances, so the interface resolves by class). */
export function toEntity({ props, labels }: NodeRecord): AnyEntity {
  const common: Partial<Entity> = {
    id: String(props.id),
    name: String(props.name),
    aliases: (props.aliases as string[] | undefined) ?? [],
    description: text(props.description),
    credibility: (props.credibility as number | undefined) ?? null,
    excerpt: text(props.excerpt),
    sourceIds: (props.sourceIds as string[] | undefined) ?? [],
    excerptOffsets: excerptOffsetsOf(props),
    createdAt: String(props.createdAt),
    updatedAt: text(props.updatedAt),
    retraction: Retraction.of(props),
  };
  const kind = kindOf(labels);
  switch (kind) {
    case EntityKind.ACTOR:
      return Object.assign(new Actor(), common, {
        kind: props.kind,
        country: text(props.country),
        quantity: quantityOf(props),
        plural: props.plural === true || (quantityOf(props)?.value ?? 0) > 1,
      });
    case EntityKind.LOCATION:
      return Object.assign(new Location(), common, {
        kind: props.kind,
        isoCode: text(props.isoCode),
        latitude: (props.latitude as number | undefined) ?? null,
        longitude: (props.longitude as number | undefined) ?? null,
      });
    case EntityKind.EVENT:
      return Object.assign(new Event(), common, {
        type: props.type,
        status: props.status ?? EventStatus.OCCURRED,
        title: common.name,
        start: PartialDateType.of(text(props.start)),
        end: PartialDateType.of(text(props.end)),
        quantity: quantityOf(props),
      });
    case EntityKind.ALLEGATION:
      return Object.assign(new Allegation(), common, {
        statement: common.name,
        claimTypes: props.claimTypes,
        status: props.status,
        claimCredibility: (props.claimCredibility as number | undefined) ?? DEFAULT_CLAIM_CREDIBILITY,
        date: PartialDateType.of(text(props.date)),
      });
    case EntityKind.SOURCE:
      return Object.assign(new Source(), common, {
        title: common.name,
        kind: props.kind,
        publisher: text(props.publisher),
        author: text(props.author),
        url: text(props.url),
        published: PartialDateType.of(text(props.published)),
        reliability: props.reliability,
        reliabilityMeaning: RELIABILITY_MEANING[props.reliability as Reliability],
        tlp: (props.tlp as Tlp | null | undefined) ?? Tlp.CLEAR,
      });
    default:
      throw new UnreachableCaseError(kind);
  }
}
