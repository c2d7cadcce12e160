/**
 * The caps on a saved investigation (docs/investigations.md): what one save may hold, so a view
 * stays a view (an explorer never draws more than a few hundred entities) and a save is bounded
 * work. Each is refused as BAD_USER_INPUT naming the field, never cut silently.
 */
export const INVESTIGATION_LIMITS = {
  /** Entities per investigation (each with at most one position: also the cap on positions). */
  entities: 200,
  /** Notes on links per investigation. */
  links: 200,
  /** Notes in all (on entities and on links). */
  notes: 100,
  /** Characters per note. */
  noteLength: 2_000,
  /** Characters of the name and of the description. */
  name: 200,
  description: 2_000,
  /** Versions kept per investigation: older ones are dropped when a save passes this. */
  versions: 20,
  /** Coordinates are canvas pixels; past this they are a mistake or an attack on the layout. */
  coordinate: 1_000_000,
  /** Page size of the list. */
  page: 50,
} as const;
