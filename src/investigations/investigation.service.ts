import { randomUUID } from 'node:crypto';
import type { Role } from '../auth/role';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { levelsUpTo, type Database, type Tx } from '../db';
import { AppError, BadUserInputError, ErrorCode, NotFoundError, type FieldProblem } from '../errors';
import { TLP_ORDER, type Tlp } from '../model/vocabulary';
import { changeSummary, contentOf, linkRef, toInvestigation, type StoredContent } from './investigation-content';
import { INVESTIGATION_LIMITS as LIMITS } from './investigation-limits';
import type { SaveInvestigationInput } from './investigation.input';
import { InvestigationRepository, type InvestigationRecord } from './investigation.repository';
import type { Investigation, InvestigationPage } from './investigation.type';

/**
 * The saved-investigation use cases (docs/investigations.md). Reads go through the caller's
 * clearance: an investigation marked above it is NOT_FOUND, and of one it may read, the entities
 * hidden from it are left out. A save is one write transaction: lock (on update), check the
 * version, check every entity and link against the writer's view, write the contents and a
 * version, drop versions past the cap. Any editor may create; only the author or an admin may
 * save over or delete one.
 */
/** Who saves: the name the investigation records, and the role that decides what they may change. */
export interface Writer {
  name: string;
  role: Role;
}

const canWrite = (role: Role) => role === 'editor' || role === 'admin';

export class InvestigationService {
  private readonly repository: InvestigationRepository;

  constructor(
    private readonly db: Database,
    private readonly clearance: Tlp,
    private readonly caller: Writer | null,
  ) {
    this.repository = new InvestigationRepository(db);
  }

  private get visibleTlp(): Tlp[] {
    return levelsUpTo(this.clearance);
  }

  async get(id: string, version: number | null = null): Promise<Investigation> {
    const row = await this.repository.read(id, version, this.visibleTlp);
    if (!row) throw new NotFoundError('Investigation', id, 'id');
    return toInvestigation(row);
  }

  async list(first: number, after: string | null | undefined): Promise<InvestigationPage> {
    const key = decodeCursor(after);
    const split = key?.indexOf('|') ?? -1;
    if (key !== null && split < 1) throw BadUserInputError.field('after', 'is not a cursor returned by this API');
    const start = key === null ? null : { at: key.slice(0, split), id: key.slice(split + 1) };
    const rows = await this.repository.list(start, first + 1, this.visibleTlp);
    const nodes = rows.slice(0, first).map(toInvestigation);
    const cursor = (item: Investigation) => encodeCursor(`${item.updatedAt}|${item.id}`);
    return {
      nodes,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: after != null,
        startCursor: nodes[0] ? cursor(nodes[0]) : null,
        endCursor: nodes.length > 0 ? cursor(nodes[nodes.length - 1]!) : null,
      },
    };
  }

  async save(input: SaveInvestigationInput): Promise<Investigation> {
    const who = this.writer();
    const content = contentOf(input);
    this.checkShape(input, content);
    const id = input.id ?? randomUUID();
    const record: InvestigationRecord = {
      id,
      name: input.name,
      description: input.description ?? null,
      tlp: input.tlp,
      entityIds: content.entities.map((entity) => entity.id),
      linkRefs: content.links.map(linkRef),
      content: JSON.stringify(content),
    };
    await this.db.writeTransaction('saveInvestigation', async (tx) => {
      const now = new Date().toISOString();
      if (!input.id) {
        await this.checkParts(tx, content);
        await this.repository.create(tx, record, who.name, now, changeSummary(null, content, false));
        return;
      }
      const current = await this.lockOwned(tx, id, 'input.id');
      if (input.expectedVersion == null)
        throw BadUserInputError.field('input.expectedVersion', 'is required to save over an investigation');
      if (current.version !== input.expectedVersion) {
        throw new AppError(
          ErrorCode.CONFLICT,
          `Investigation "${id}" is at version ${current.version}, not ${input.expectedVersion}: someone saved it since you read it; read it again`,
          { field: 'input.expectedVersion', currentVersion: current.version },
        );
      }
      await this.checkParts(tx, content);
      const before = JSON.parse(current.content) as StoredContent;
      const summary = changeSummary(before, content, false);
      await this.repository.update(tx, record, current.version + 1, who.name, now, summary);
    });
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    this.writer();
    await this.db.writeTransaction('deleteInvestigation', async (tx) => {
      await this.lockOwned(tx, id, 'id');
      await this.repository.delete(tx, id);
    });
    return true;
  }

  private writer(): Writer {
    // The root field's role check already asked for an editor; this guards the use case itself.
    if (!this.caller || !canWrite(this.caller.role)) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Saving an investigation needs the editor role', {
        http: { status: 403 },
      });
    }
    return this.caller;
  }

  /** The investigation locked, when the caller may see it (else NOT_FOUND) and may change it (else FORBIDDEN). */
  private async lockOwned(tx: Tx, id: string, field: string) {
    const current = await this.repository.lock(tx, id);
    if (!current || !this.visibleTlp.includes(current.tlp)) throw new NotFoundError('Investigation', id, field);
    const caller = this.writer();
    if (current.author !== caller.name && caller.role !== 'admin') {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `Investigation "${id}" is ${current.author}'s: only its author or an admin may change it (save a copy instead)`,
        { field, http: { status: 403 } },
      );
    }
    return current;
  }

  /** Every entity and link note against the writer's view: unknown and hidden read the same, NOT_FOUND. */
  private async checkParts(tx: Tx, content: StoredContent): Promise<void> {
    const ids = content.entities.map((entity) => entity.id);
    const refs = content.links.map(linkRef);
    const { missingIds, missingLinks } = await this.repository.missing(tx, ids, refs, this.visibleTlp);
    if (missingIds.length > 0) {
      const index = ids.indexOf(missingIds[0]!);
      throw new NotFoundError('Entity', missingIds[0]!, `input.entities[${index}].id`);
    }
    if (missingLinks.length > 0) {
      const index = refs.indexOf(missingLinks[0]!);
      throw new NotFoundError('Relationship', missingLinks[0]!, `input.links[${index}]`);
    }
  }

  /** What the input's shape alone can tell: caps, duplicates, notes, ends among the entities, the marking. */
  private checkShape(input: SaveInvestigationInput, content: StoredContent): void {
    const problems: FieldProblem[] = [];
    if (TLP_ORDER.indexOf(input.tlp) > TLP_ORDER.indexOf(this.clearance))
      problems.push({ field: 'input.tlp', reason: `is above your clearance (${this.clearance})` });
    const ids = new Set<string>();
    content.entities.forEach((entity, index) => {
      if (ids.has(entity.id)) problems.push({ field: `input.entities[${index}].id`, reason: 'is listed twice' });
      ids.add(entity.id);
      if (entity.note && CONTROL.test(entity.note))
        problems.push({ field: `input.entities[${index}].note`, reason: CONTROL_REASON });
      if ((entity.x === null) !== (entity.y === null))
        problems.push({ field: `input.entities[${index}].x`, reason: 'a position needs both x and y' });
    });
    content.links.forEach((link, index) => {
      for (const end of ['fromId', 'toId'] as const) {
        if (!ids.has(link[end]))
          problems.push({ field: `input.links[${index}].${end}`, reason: 'must be one of the entities' });
      }
      if (CONTROL.test(link.note)) problems.push({ field: `input.links[${index}].note`, reason: CONTROL_REASON });
    });
    const notes = content.entities.filter((entity) => entity.note).length + content.links.length;
    if (notes > LIMITS.notes)
      problems.push({
        field: 'input.entities',
        reason: `holds ${notes} notes with the links'; at most ${LIMITS.notes}`,
      });
    for (const field of ['pathFrom', 'pathTo', 'selected'] as const) {
      const id = content[field];
      if (id !== null && !ids.has(id))
        problems.push({ field: `input.${field}`, reason: 'must be one of the entities' });
    }
    if (problems.length > 0) throw new BadUserInputError(problems);
  }
}

/** Control characters other than tab and line breaks: a note is text to read, not a terminal's or a parser's. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_REASON = 'holds control characters (only text, tabs and line breaks)';
