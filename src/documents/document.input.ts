import { IsBase64, IsBoolean, IsEnum, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsEntityId, IsPartialDate } from '../model/validators';
import { Reliability, SourceKind, Tlp } from '../model/vocabulary';

/** A language code as BCP 47 writes it, in its common forms: en, fr, pt-BR, zh-Hant. */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/**
 * One document to ingest: its text (pasted) or its file (base64), and what is known of it. The
 * size cap (DOCUMENT_MAX_BYTES) is checked by the use case before anything is decoded; the
 * request body limit (MAX_BODY_BYTES) applies first over HTTP.
 */
@InputType({ description: 'A document to ingest: text or a file (base64), and its metadata' })
export class IngestDocumentInput {
  @Field({ nullable: true, description: 'The text itself (plain text, Markdown or HTML); or give `content`' })
  @IsOptional()
  @IsString()
  text?: string;

  @Field({ nullable: true, description: 'The file, base64 (.txt, .md, .html, .pdf); or give `text`' })
  @IsOptional()
  @IsBase64()
  content?: string;

  @Field({ nullable: true, description: 'File name: its extension helps tell Markdown and HTML' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @Field({ nullable: true, description: 'Media type, e.g. text/html, application/pdf, text/markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  mediaType?: string;

  @Field(() => ID, { nullable: true, description: 'The Source id; by default made from the title and the hash' })
  @IsOptional()
  @IsEntityId()
  id?: string;

  @Field({
    nullable: true,
    description: "Title; else the document's own (HTML, PDF), else the file name or first line",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @Field(() => SourceKind, { defaultValue: SourceKind.REPORT })
  @IsEnum(SourceKind)
  kind: SourceKind = SourceKind.REPORT;

  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) publisher?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) author?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url?: string;

  @Field({ nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD; or say `undated: true`' })
  @IsOptional()
  @IsPartialDate()
  published?: string;

  @Field({ defaultValue: false, description: 'The document states no date (required when `published` is not given)' })
  @IsBoolean()
  undated: boolean = false;

  @Field({ nullable: true, description: 'Language code (BCP 47), e.g. en, fr, pt-BR' })
  @IsOptional()
  @Matches(LANGUAGE_PATTERN, { message: 'language must be a code such as en, fr or pt-BR' })
  language?: string;

  @Field(() => Reliability, { defaultValue: Reliability.F, description: 'A-F; F ("cannot be judged") by default' })
  @IsEnum(Reliability)
  reliability: Reliability = Reliability.F;

  @Field(() => Tlp, { defaultValue: Tlp.CLEAR, description: "TLP level; not above the writer's clearance" })
  @IsEnum(Tlp)
  tlp: Tlp = Tlp.CLEAR;
}
