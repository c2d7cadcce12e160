import { foldedWords } from '../../search/lucene-query';

/**
 * ACLED's actor naming, read into what to look up in the graph. ACLED names an actor once per
 * period and expands acronyms in the name itself, so one group or force appears under several
 * names; these patterns (docs/acled.md) recover the name the graph knows:
 *
 * | ACLED writes                                   | looked up as                                  |
 * |------------------------------------------------|-----------------------------------------------|
 * | `Military Forces of Mali (2021-)`              | the name without the period: `Military Forces of Mali` |
 * | `JNIM: Group for Support of Islam and Muslims` | the whole name, `JNIM`, and `Group for Support of Islam and Muslims` |
 * | `Military Forces of <Country>`                 | also: the FORCE actor whose country is that country's ISO code |
 * | `Police Forces of <Country>`, ...              | the name as written (no rule: police are not the armed forces) |
 *
 * Names compare by key: accents folded, case, apostrophes and punctuation ignored.
 */

export interface AcledActorName {
  /** As ACLED writes it: kept as an alias of the actor created for it. */
  acledName: string;
  /** The name an actor created for it gets: without the period suffix, the short form of "X: Y". */
  displayName: string;
  /** Keys to look up, most specific first. */
  keys: string[];
  /** For "Military Forces of <Country>": the country, whose FORCE actor this is. */
  forcesOf?: string;
}

/** "(2021-)", "(2012-2020)", "(-2019)": the period ACLED distinguishes regimes by. */
const PERIOD_SUFFIX = /\s*\(\s*(?:\d{4})?\s*-\s*(?:\d{4})?\s*\)\s*$/;
/** "JNIM: Group for Support of Islam and Muslims": a short name and its expansion. */
const SHORT_AND_EXPANSION = /^([^:]{1,60}):\s+(.+)$/;
const MILITARY_FORCES_OF = /^Military Forces of (.+)$/i;

/** Lower-case, accent-free words joined by single spaces: "Jama’at  Nusrat" -> "jamaat nusrat". */
export function nameKey(text: string): string {
  return foldedWords(text).join(' ');
}

export function readActorName(acledName: string): AcledActorName {
  const withoutPeriod = acledName.replace(PERIOD_SUFFIX, '').trim() || acledName;
  const names = [acledName, withoutPeriod];
  let displayName = withoutPeriod;
  const split = SHORT_AND_EXPANSION.exec(withoutPeriod);
  if (split) {
    displayName = split[1].trim();
    names.push(split[1], split[2]);
  }
  const forces = MILITARY_FORCES_OF.exec(withoutPeriod);
  const keys = [...new Set(names.map(nameKey).filter(Boolean))];
  return { acledName, displayName, keys, forcesOf: forces ? forces[1].trim() : undefined };
}
