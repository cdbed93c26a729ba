// One typed error per kind of failure, created at one boundary, with `cause`; test them with instanceof.

/** A mistake the user can fix (bad file, bad flag): printed as one line, exit code 1. */
export class UserError extends Error {
  override name = 'UserError';
}

/** Input that is not what its format promises. `where` names the file and line, byte or post. */
export class ParseError extends UserError {
  override name = 'ParseError';
  constructor(
    message: string,
    readonly where: string,
    options?: { cause?: unknown },
  ) {
    super(`${where}: ${message}`, options);
  }
}

/** A file whose format could not be recognised, or that does not match the --format asked for. */
export class ImportFormatError extends UserError {
  override name = 'ImportFormatError';
}

/**
 * Two channels claim one Telegram channel (its numeric id): the archive holds it under another name. A user error
 * whose message names the fix (`tgwire channels rename|merge`, or what the caller adds).
 */
export class ChannelConflictError extends UserError {
  override name = 'ChannelConflictError';
  constructor(
    readonly channel: string,
    readonly numericId: number,
    readonly owner: string,
    alternative?: string,
  ) {
    super(
      `channel ${channel}: numeric id ${numericId} already belongs to channel ${owner} of the archive (the same Telegram channel under another name): ${alternative ? `${alternative}, or ` : ''}make them one with tgwire channels rename ${owner} ${channel} (tgwire channels merge ${owner} ${channel} when ${channel} has posts)`,
    );
  }
}

/** A network failure talking to a source (status when there was an answer). */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Why a channel cannot be read: through the web preview (preview_disabled, not_found, private) or through the account
 * (not_found, private, and session_invalid: the account's session was revoked or the account banned).
 */
export type ChannelProblem = 'preview_disabled' | 'not_found' | 'private' | 'session_invalid';

/** A channel that answers, but cannot be read (through the web preview, or through the account). */
export class ChannelUnavailableError extends Error {
  override name = 'ChannelUnavailableError';
  constructor(
    message: string,
    readonly channel: string,
    readonly problem: ChannelProblem,
  ) {
    super(message);
  }
}

/** The database refused or failed. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * Another writer (another tgwire process, or this one's import) held the archive longer than a write may wait.
 * A user error: nothing is wrong, trying again later works; the web app answers 503 with Retry-After.
 */
export class ArchiveBusyError extends UserError {
  override name = 'ArchiveBusyError';
  constructor(
    /** Seconds after which trying again is likely to work. */
    readonly retryAfterS = 5,
    options?: { cause?: unknown },
  ) {
    super('the archive is busy (another tgwire process is writing); try again', options);
  }
}

/**
 * The archive's database server cannot be reached (down, restarting, the network): nothing the user asked is wrong,
 * and the same request works once it is back.
 */
export class ArchiveUnavailableError extends UserError {
  override name = 'ArchiveUnavailableError';
  readonly retryAfterS = 30;
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`the archive's database cannot be reached (${detail}); try again when it is back`, options);
  }
}

/** What is wrong with the media store: it does not answer, it refuses the keys, or its bucket is not there. */
export type MediaStoreProblem = 'unreachable' | 'refused' | 'no_bucket' | 'failing';

/**
 * The media store (S3) failed for a reason the operator fixes (its message says what to fix). A user error for the
 * CLI (one line, exit 1); the web app answers readers 503 with a neutral page and logs the message instead.
 */
export class MediaStoreError extends UserError {
  override name = 'MediaStoreError';
  readonly retryAfterS = 60;
  constructor(
    message: string,
    readonly problem: MediaStoreProblem,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Telegram refused a publication. */
export class PublishError extends Error {
  override name = 'PublishError';
  constructor(
    message: string,
    readonly code: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
