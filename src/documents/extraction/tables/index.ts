import type { ExtractionLanguage } from '../proposal.type';
import { EN } from './en';
import type { LanguageTable } from './language-table.type';

/** One table per language; a French table of the same shape is all 'fr' needs. */
export const TABLES: Readonly<Record<ExtractionLanguage, LanguageTable>> = { en: EN };
