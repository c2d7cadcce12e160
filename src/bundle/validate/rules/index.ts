import type { BundleRule } from '../rule';
import { CitedSourcesRule } from './cited-sources.rule';
import { DerivedReportedByRule } from './derived-reported-by.rule';
import { DuplicateIdRule } from './duplicate-id.rule';
import { DuplicateRelationshipRule } from './duplicate-relationship.rule';
import { EndpointsRule } from './endpoints.rule';
import { EventDatesRule } from './event-dates.rule';
import { ExcerptOffsetsRule } from './excerpt-offsets.rule';
import { GraphKindRule } from './graph-kind.rule';
import { ParticipationRoleRule } from './participation-role.rule';
import { SelfLoopRule } from './self-loop.rule';
import { ValidityDatesRule } from './validity-dates.rule';

/**
 * Every rule a bundle's records must keep beyond their own fields, in the order a record's
 * problems are listed: both validators run exactly this list (graphql-js's `specifiedRules`).
 */
export const BUNDLE_RULES: readonly BundleRule[] = [
  DuplicateIdRule,
  EventDatesRule,
  DerivedReportedByRule,
  ParticipationRoleRule,
  SelfLoopRule,
  ValidityDatesRule,
  DuplicateRelationshipRule,
  GraphKindRule,
  CitedSourcesRule,
  EndpointsRule,
  ExcerptOffsetsRule,
];

export {
  CitedSourcesRule,
  DerivedReportedByRule,
  DuplicateIdRule,
  DuplicateRelationshipRule,
  EndpointsRule,
  EventDatesRule,
  ExcerptOffsetsRule,
  GraphKindRule,
  ParticipationRoleRule,
  SelfLoopRule,
  ValidityDatesRule,
};
