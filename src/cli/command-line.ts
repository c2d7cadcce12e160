import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config';

/**
 * Arguments of a command-line tool through Node's own parser (util.parseArgs, strict: an unknown
 * option or a missing value is an error), plus the two things it leaves to us: `--help` prints
 * the command's usage on stdout and exits 0; a usage error prints the problem and a pointer to
 * --help on stderr and exits 2 (the shell convention for misuse), never a stack trace.
 */

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec<O extends Options> {
  /** The whole --help text: synopsis, what it does, options, examples. */
  usage: string;
  options: O;
  allowPositionals?: boolean;
}

export function parseCommandLine<O extends Options>(spec: CommandSpec<O>, args: string[] = process.argv.slice(2)) {
  const options = { ...spec.options, help: { type: 'boolean', short: 'h', default: false } } as const;
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: spec.allowPositionals ?? false, strict: true });
  } catch (error) {
    // Only parse errors (ERR_PARSE_ARGS_*) are the user's; anything else is a bug and should show.
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) usageError((error as Error).message);
    throw error;
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(spec.usage.trimEnd() + '\n');
    process.exit(0);
  }
  return parsed;
}

/** Ends the process with exit code 2 and a usage message on stderr. */
export function usageError(message: string): never {
  process.stderr.write(`${message}\nRun with --help for usage.\n`);
  process.exit(2);
}

/** The validated configuration, or its problems on stderr and exit code 1 (never a stack trace). */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
