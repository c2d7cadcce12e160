import {
  type BundleActor,
  type BundleAllegation,
  type BundleEvent,
  type BundleLocation,
  type BundleRelationship,
  type BundleSource,
  type Bundle,
  parseRelationshipId,
  relationshipId,
} from '../bundle/format';
import { relationshipToRecord } from '../bundle/export';
import { BundleRepository, type LoadOptions, type LoadSummary } from '../bundle/load';
import {
  checkBundleReferences,
  checkBundleWrites,
  parseBundleFields,
  parseBundleFieldsInSlices,
  referencedIds,
  MAX_IMPORT_BUNDLE_WRITES,
} from '../bundle/validate';
import { writeOrDryRun, type Database, type Tx, type VisibilityParams } from '../db';
import { BadUserInputError, NotFoundError, type FieldProblem } from '../errors';
import { RelationshipType, Tlp, type ParticipationRole } from '../model/vocabulary';
import { CurationRepository, type EntityState } from './curation.repository';
import { MergeRepository } from './merge.repository';
import {
  applyRelationshipChanges,
  inArgumentTerms,
  linkWithEvidence,
  mutationBundle,
  type MutationBundle,
  type RelationshipChanges,
} from './mutation-bundle';
import { RetractionRepository } from './retraction.repository';
import {
  asTheWriterKnows,
  refuseHiddenRecords,
  refuseHiddenRelationships,
  withHiddenSourcesKept,
} from './writer-visibility';

/**
 * The curation use cases, one method each, for the GraphQL resolvers and the command line alike.
 * Each takes plain arguments and `who` (the identity the history records) and runs as ONE write
 * transaction that first locks what it is about (entities in sorted id order, then a
 * relationship), then checks against the graph as it is under those locks, then writes. So
 * concurrent writers of the same records queue: no lost update, no id written as two kinds, no
 * entity merged twice. A failed check throws inside the transaction and nothing stays.
 *
 * The writer's clearance (RED, the operator's, by default: the command line and the seed) limits
 * the writes of the editor mutations as it limits reads: below RED, what the clearance hides is
 * refused as if it were not in the graph, and what it cannot see is never overwritten or dropped
 * (asTheWriterMayWrite; docs/security.md).
 */

export interface ImportOptions extends LoadOptions {
  /** Validate and count, then roll back: nothing is written. */
  dryRun?: boolean;
}

export interface RelationshipRef {
  id: string;
  from: string;
  to: string;
}

export interface MergeOutcome {
  merged: string[];
  relationshipsMoved: number;
}

/** A whole bundle may be large: up to 5 minutes (the CLI imports 100,000 relationships at once). */
const IMPORT_TIMEOUT_MS = 300_000;

export class CurationService {
  private readonly bundles = new BundleRepository();
  private readonly locks = new CurationRepository();
  private readonly merges = new MergeRepository();
  private readonly retractions = new RetractionRepository();

  constructor(
    private readonly db: Database,
    private readonly clearance: Tlp = Tlp.RED,
  ) {}

  upsertActor(actor: BundleActor, who: string): Promise<LoadSummary> {
    return this.writeBundle('upsertActor', who, () => ({
      bundle: mutationBundle({ actors: [actor] }),
      sections: { actors: 'actor' },
      links: [],
    }));
  }

  upsertLocation(location: BundleLocation, who: string): Promise<LoadSummary> {
    return this.writeBundle('upsertLocation', who, () => ({
      bundle: mutationBundle({ locations: [location] }),
      sections: { locations: 'location' },
      links: [],
    }));
  }

  upsertSource(source: BundleSource, who: string): Promise<LoadSummary> {
    return this.writeBundle('upsertSource', who, () => ({
      bundle: mutationBundle({ sources: [source] }),
      sections: { sources: 'source' },
      links: [],
    }));
  }

  /** The event, PARTICIPATED_IN from each participant and OCCURRED_IN each place, citing the event's evidence. */
  recordEvent(
    event: BundleEvent,
    participants: Array<{ actorId: string; role: ParticipationRole }>,
    placeIds: string[],
    who: string,
  ): Promise<LoadSummary> {
    const links = [
      ...participants.map((p, i) => ({
        relationship: linkWithEvidence(event, RelationshipType.PARTICIPATED_IN, p.actorId, event.id, { role: p.role }),
        endpointArg: `participants[${i}].actorId`,
      })),
      ...placeIds.map((placeId, i) => ({
        relationship: linkWithEvidence(event, RelationshipType.OCCURRED_IN, event.id, placeId),
        endpointArg: `placeIds[${i}]`,
      })),
    ];
    const relationships = links.map((l) => l.relationship);
    return this.writeBundle('recordEvent', who, () => ({
      bundle: mutationBundle({ events: [event], relationships }),
      sections: { events: 'event' },
      links,
      evidenceArg: 'event',
    }));
  }

  /** The allegation with ALLEGES from each accuser, ACCUSES and CONCERNS to the others. */
  recordAllegation(
    allegation: BundleAllegation,
    accuserIds: string[],
    accusedIds: string[],
    concerningIds: string[],
    who: string,
  ): Promise<LoadSummary> {
    const link = (type: RelationshipType, from: string, to: string, endpointArg: string) => ({
      relationship: linkWithEvidence(allegation, type, from, to),
      endpointArg,
    });
    const links = [
      ...accuserIds.map((id, i) => link(RelationshipType.ALLEGES, id, allegation.id, `accuserIds[${i}]`)),
      ...accusedIds.map((id, i) => link(RelationshipType.ACCUSES, allegation.id, id, `accusedIds[${i}]`)),
      ...concerningIds.map((id, i) => link(RelationshipType.CONCERNS, allegation.id, id, `concerningIds[${i}]`)),
    ];
    return this.writeBundle('recordAllegation', who, () => ({
      bundle: mutationBundle({ allegations: [allegation], relationships: links.map((l) => l.relationship) }),
      sections: { allegations: 'allegation' },
      links,
      evidenceArg: 'allegation',
    }));
  }

  recordDenial(
    denial: {
      allegationId: string;
      actorId: string;
      sourceIds: string[];
      credibility: number;
      excerpt: string;
      date?: string;
    },
    who: string,
  ): Promise<LoadSummary> {
    const relationship = {
      ...linkWithEvidence(denial, RelationshipType.DENIES, denial.actorId, denial.allegationId),
      date: denial.date,
    } as BundleRelationship;
    return this.writeBundle('recordDenial', who, () => ({
      bundle: mutationBundle({ relationships: [relationship] }),
      sections: {},
      links: [{ relationship, endpointArg: 'denial.actorId' }],
      evidenceArg: 'denial',
    }));
  }

  async addRelationship(relationship: BundleRelationship, who: string): Promise<RelationshipRef> {
    await this.writeBundle('addRelationship', who, () => ({
      bundle: mutationBundle({ relationships: [relationship] }),
      sections: {},
      links: [{ relationship, endpointArg: 'relationship' }],
      evidenceArg: 'relationship',
    }));
    return { id: relationshipId(relationship), from: relationship.from, to: relationship.to };
  }

  /** Read-modify-write of one relationship, with the relationship locked before it is read. */
  async updateRelationship(id: string, changes: RelationshipChanges, who: string): Promise<RelationshipRef> {
    const parts = parseRelationshipId(id);
    if (!parts) throw new NotFoundError('Relationship', id);
    await this.writeBundle('updateRelationship', who, async (tx, view) => {
      // Hidden from the writer: missing, like an unknown id.
      const current = await this.locks.lockRelationship(tx, id, parts.from, parts.to, await view());
      if (!current) throw new NotFoundError('Relationship', id);
      const relationship = applyRelationshipChanges(relationshipToRecord(current), changes);
      return {
        bundle: mutationBundle({ relationships: [relationship] }),
        sections: {},
        links: [{ relationship, endpointArg: 'id' }],
        evidenceArg: 'changes',
        keptSourceIds: (current.props.sourceIds as string[] | undefined) ?? [],
      };
    });
    return { id, from: parts.from, to: parts.to };
  }

  /** Marks an entity or relationship retracted; retracting one twice is refused. Returns when. */
  async retract(id: string, reason: string, who: string): Promise<{ reason: string; at: string; by: string }> {
    const parts = parseRelationshipId(id);
    const at = await this.db.writeTransaction('curation.retract', async (tx) => {
      if (parts) {
        const edge = await this.locks.lockRelationship(tx, id, parts.from, parts.to);
        if (!edge) throw new NotFoundError('Relationship', id);
        if (edge.props.retracted) throw BadUserInputError.field('id', `"${id}" is already retracted`);
        return this.retractions.retractRelationship(tx, id, parts.from, parts.to, reason, who);
      }
      const entity = (await this.locks.lockEntities(tx, [id])).get(id);
      if (!entity) throw new NotFoundError('Entity', id);
      if (entity.retracted) throw BadUserInputError.field('id', `"${id}" is already retracted`);
      return this.retractions.retractEntity(tx, id, reason, who);
    });
    return { reason, at, by: who };
  }

  /** Entity resolution, with the target and every duplicate locked before the checks. */
  mergeEntities(targetId: string, duplicateIds: string[], who: string): Promise<MergeOutcome> {
    return this.db.writeTransaction('curation.mergeEntities', async (tx) => {
      const entities = await this.locks.lockEntities(tx, [targetId, ...duplicateIds]);
      const problems = mergeProblems(targetId, duplicateIds, entities);
      if (problems.length) throw new BadUserInputError(problems);
      const moved = await this.merges.merge(tx, targetId, duplicateIds, entities.get(targetId)!.label, who);
      return { merged: duplicateIds, relationshipsMoved: moved };
    });
  }

  /**
   * A whole bundle (importBundle, importStix, the seed): all or nothing; a dry run counts and
   * rolls back. One transaction, so at most MAX_IMPORT_BUNDLE_WRITES records; checked in slices
   * that leave the event loop free for other requests.
   */
  async importBundle(json: unknown, options: ImportOptions & { who: string }): Promise<LoadSummary> {
    checkBundleWrites(json, MAX_IMPORT_BUNDLE_WRITES);
    const bundle = await parseBundleFieldsInSlices(json);
    const load = { ...options, operation: options.operation ?? 'importBundle' };
    return writeOrDryRun(
      this.db,
      `curation.${load.operation}`,
      (tx) => this.bundles.lockCheckAndWrite(tx, bundle, load),
      { dryRun: Boolean(options.dryRun), timeoutMs: IMPORT_TIMEOUT_MS },
    );
  }

  /**
   * A bundle built inside its own transaction, after the caller's locks and checks (`build`),
   * then validated, locked and written as importBundle writes it, at the writer's clearance, then
   * `after` in the same transaction (a document review: its decisions, offsets and history). All
   * or nothing; a dry run rolls back.
   */
  async importBuilt(
    operation: string,
    who: string,
    dryRun: boolean,
    build: (tx: Tx) => Promise<unknown>,
    after: (tx: Tx) => Promise<void>,
  ): Promise<LoadSummary> {
    return writeOrDryRun(
      this.db,
      `curation.${operation}`,
      async (tx) => {
        const json = await build(tx);
        checkBundleWrites(json, MAX_IMPORT_BUNDLE_WRITES);
        const view = this.clearance === Tlp.RED ? undefined : await this.locks.writerView(tx, this.clearance);
        const bundle = await this.asTheWriterMayWrite(tx, parseBundleFields(json), view, new Set());
        const summary = await this.bundles.lockCheckAndWrite(tx, bundle, { who, operation });
        await after(tx);
        return summary;
      },
      { dryRun, timeoutMs: IMPORT_TIMEOUT_MS },
    );
  }

  /** One mutation's bundle, built inside the transaction (after any locks it needs), then locked, checked and written. */
  private writeBundle(
    operation: string,
    who: string,
    build: (tx: Tx, view: () => Promise<VisibilityParams | undefined>) => MutationBundle | Promise<MutationBundle>,
  ): Promise<LoadSummary> {
    return this.db.writeTransaction(`curation.${operation}`, async (tx) => {
      let read: Promise<VisibilityParams | undefined> | undefined;
      const view = () =>
        (read ??= this.clearance === Tlp.RED ? Promise.resolve(undefined) : this.locks.writerView(tx, this.clearance));
      const request = await build(tx, view);
      try {
        const parsed = parseBundleFields(request.bundle);
        const bundle = await this.asTheWriterMayWrite(tx, parsed, await view(), new Set(request.keptSourceIds));
        return await this.bundles.lockCheckAndWrite(tx, bundle, { who, operation });
      } catch (error) {
        throw inArgumentTerms(error, request);
      }
    });
  }

  /**
   * Below RED (a `view`), under the locks of everything the bundle touches: a hidden source cited
   * or a hidden entity linked gets the problem of a missing one (the same message, so a refusal
   * does not tell that a hidden source exists); a record over a hidden entity or relationship is
   * refused. Returns the bundle to write: each existing record keeps the hidden sources it cites.
   */
  private async asTheWriterMayWrite(
    tx: Tx,
    bundle: Bundle,
    view: VisibilityParams | undefined,
    kept: ReadonlySet<string>,
  ): Promise<Bundle> {
    if (!view) return bundle;
    const ids = referencedIds(bundle);
    await this.bundles.lock(tx, ids);
    const hidden = await this.locks.hiddenEntities(tx, ids, view);
    if (hidden.size > 0) {
      checkBundleReferences(bundle, asTheWriterKnows(await this.bundles.knownEntities(tx, ids), hidden, kept));
      refuseHiddenRecords(bundle, hidden);
    }
    const claimIds = [...bundle.actors, ...bundle.locations, ...bundle.events, ...bundle.allegations].map((r) => r.id);
    const relationships = bundle.relationships.map((r) => ({ id: relationshipId(r), from: r.from, to: r.to }));
    const seen = await this.locks.recordsAsSeen(tx, claimIds, relationships, view);
    refuseHiddenRelationships(bundle, seen.hiddenRelationships);
    return withHiddenSourcesKept(bundle, seen.hiddenSourcesCited);
  }
}

/** What stops a merge, read under the locks: each problem names its argument. */
function mergeProblems(
  targetId: string,
  duplicateIds: string[],
  entities: ReadonlyMap<string, EntityState>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const target = entities.get(targetId);
  if (!target) problems.push({ field: 'targetId', reason: `no entity "${targetId}"` });
  else if (target.retracted) problems.push({ field: 'targetId', reason: `"${targetId}" is retracted` });
  duplicateIds.forEach((id, i) => {
    const field = `duplicateIds[${i}]`;
    const duplicate = entities.get(id);
    if (!duplicate) problems.push({ field, reason: `no entity "${id}"` });
    else if (id === targetId) problems.push({ field, reason: 'is the target itself' });
    else if (target && duplicate.kind !== target.kind)
      problems.push({ field, reason: `"${id}" is not the same kind of entity as "${targetId}"` });
    else if (duplicate.retracted) problems.push({ field, reason: `"${id}" is retracted` });
  });
  return problems;
}
