// Media bytes in S3-compatible object storage (AWS, MinIO, R2, …): one object per file, `prefix` + `ab/abcd…`.
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { isSha256 } from '../../model/media.js';
import { MediaStoreError } from '../../util/errors.js';
import {
  OWNER_MARKER,
  type ByteRange,
  type MediaBlob,
  type OwnedBlobStore,
  type StoredBlob,
} from './blob-store.js';

export interface S3MediaOptions {
  bucket: string;
  /** An S3-compatible server's address; AWS itself when null. */
  endpoint: string | null;
  region: string;
  /** Keys start with this ("tgwire/"); '' for the bucket's root. */
  prefix: string;
  forcePathStyle: boolean;
  /** Both, or neither: the SDK's own chain (AWS_* variables, profiles, instance roles) then. */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** Keys per listing page (ListObjectsV2 MaxKeys). @default the server's own, 1000 on S3 */
  listPageSize?: number;
}

const KEY = /^([0-9a-f]{2})\/([0-9a-f]{64})$/;

function checked(sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a media hash: ${sha256.slice(0, 80)}`);
  return sha256;
}

const status = (e: unknown): number | undefined =>
  (e as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;

const isMissing = (e: unknown): boolean => {
  const name = (e as { name?: string } | null)?.name;
  return name === 'NotFound' || name === 'NoSuchKey' || (status(e) === 404 && name !== 'NoSuchBucket');
};

const refusedWithoutCode = (e: unknown): boolean => {
  const name = (e as { name?: string } | null)?.name ?? '';
  return (
    (status(e) === 403 || status(e) === 401) && (name === '' || name === 'Unknown' || /^\d+$/.test(name))
  );
};

/** `take` bytes of a stream after the first `skip`; the rest is not read (leaving the loop closes the source). */
async function* cut(body: Readable, skip: number, take: number): AsyncGenerator<Buffer> {
  let pos = 0;
  const end = skip + take;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const from = Math.max(skip - pos, 0);
    const to = Math.min(end - pos, chunk.length);
    pos += chunk.length;
    if (to > from) yield chunk.subarray(from, to);
    if (pos >= end) return;
  }
}

/** The AWS SDK's S3 module, loaded on first use: it takes ~80 ms, which no command without S3 should pay. */
type Sdk = typeof import('@aws-sdk/client-s3');

export class S3MediaStore implements OwnedBlobStore {
  readonly kind = 's3';
  private readonly prefix: string;
  private bucketSeen: Promise<void> | null = null;
  private loaded: Promise<{ sdk: Sdk; client: S3Client }> | null = null;

  constructor(private readonly options: S3MediaOptions) {
    this.prefix = options.prefix;
  }

  private api(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: this.connect(sdk) }));
    return this.loaded;
  }

  private connect(sdk: Sdk): S3Client {
    const options = this.options;
    const credentials =
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined;
    return new sdk.S3Client({
      region: options.region,
      endpoint: options.endpoint ?? undefined,
      forcePathStyle: options.forcePathStyle,
      credentials,
      // Since SDK 3.729 (2025/1) every request carries a CRC32 checksum by default, which several S3-compatible
      // servers reject or do not return; outside AWS only what the API requires is sent and checked.
      ...(options.endpoint
        ? {
            requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            responseChecksumValidation: 'WHEN_REQUIRED' as const,
          }
        : {}),
    });
  }

  get location(): string {
    return `s3://${this.options.bucket}/${this.prefix}`;
  }

  private key(sha256: string): string {
    const h = checked(sha256);
    return `${this.prefix}${h.slice(0, 2)}/${h}`;
  }

  /** A bucket that is not there, keys it refuses, a server that does not answer: said as what to fix. */
  private explain(e: unknown, what: string, noBucket = false): unknown {
    const where = `bucket ${this.options.bucket} at ${this.options.endpoint ?? `AWS S3 (${this.options.region})`}`;
    const name = (e as { name?: string } | null)?.name ?? '';
    const code = (e as { code?: string } | null)?.code ?? '';
    const http = status(e);
    if (noBucket || name === 'NoSuchBucket')
      return new MediaStoreError(
        `media store: ${where} does not exist (create it, or fix media.s3.bucket)`,
        'no_bucket',
        { cause: e },
      );
    if (
      http === 403 ||
      http === 401 ||
      ['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'Forbidden'].includes(name)
    )
      return new MediaStoreError(
        `media store: ${where} refuses access (${name || http}) while trying to ${what}: check TGWIRE_S3_ACCESS_KEY_ID and TGWIRE_S3_SECRET_ACCESS_KEY and the bucket's policy`,
        'refused',
        { cause: e },
      );
    if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT'].includes(code))
      return new MediaStoreError(
        `media store: cannot reach ${where} (${code}): is the server running?`,
        'unreachable',
        { cause: e },
      );
    // Any other answer of the server (500 InternalError, 503 SlowDown…) is the store's trouble, not a tgwire bug:
    // one line naming where, what was being done and the server's own code.
    if (http !== undefined)
      return new MediaStoreError(
        `media store: ${where} failed while trying to ${what} (${name || 'error'}, HTTP ${http}); try again, and see the server's log if it goes on`,
        'failing',
        { cause: e },
      );
    return e;
  }

  private async send<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw this.explain(e, what);
    }
  }

  /**
   * A HEAD answer has no body, so a missing bucket looks like a missing key: the first such answer asks about the
   * bucket itself (once per process).
   */
  private bucketExists(): Promise<void> {
    this.bucketSeen ??= this.api()
      .then(({ sdk, client }) => client.send(new sdk.HeadBucketCommand({ Bucket: this.options.bucket })))
      .then(
        () => undefined,
        (e: unknown) => {
          this.bucketSeen = null;
          throw this.explain(e, 'find the bucket', status(e) === 404);
        },
      );
    return this.bucketSeen;
  }

  async put(sha256: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const Key = this.key(sha256);
    const { sdk, client } = await this.api();
    // One PUT is atomic in S3: a reader sees the whole object or none; writing it again changes nothing.
    await this.send('store a file', () =>
      client.send(
        new sdk.PutObjectCommand({
          Bucket: this.options.bucket,
          Key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
        }),
      ),
    );
  }

  async size(sha256: string): Promise<number | null> {
    const Key = this.key(sha256);
    const { sdk, client } = await this.api();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.options.bucket, Key }));
      return head.ContentLength ?? null;
    } catch (e) {
      if (isMissing(e)) {
        await this.bucketExists();
        return null;
      }
      if (refusedWithoutCode(e)) throw await this.refusalOf(Key, e);
      throw this.explain(e, 'read a file');
    }
  }

  /**
   * A HEAD refusal has no body, so the SDK names it "Unknown" where a PUT says "InvalidAccessKeyId": the same key is
   * asked for with a GET of one byte, whose answer carries S3's own reason, so serve and the CLI say the same.
   */
  private async refusalOf(Key: string, head: unknown): Promise<unknown> {
    const { sdk, client } = await this.api();
    try {
      const got = await client.send(
        new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key, Range: 'bytes=0-0' }),
      );
      (got.Body as Readable | undefined)?.destroy();
    } catch (e) {
      if (!refusedWithoutCode(e)) return this.explain(e, 'read a file');
    }
    return this.explain(head, 'read a file');
  }

  async read(sha256: string, range?: ByteRange): Promise<MediaBlob | null> {
    const Key = this.key(sha256);
    const { sdk, client } = await this.api();
    let got;
    try {
      got = await client.send(
        new sdk.GetObjectCommand({
          Bucket: this.options.bucket,
          Key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
    } catch (e) {
      if (isMissing(e)) return null;
      throw this.explain(e, 'read a file');
    }
    const body = got.Body as Readable | undefined;
    if (!body) return null;
    const served = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(got.ContentRange ?? '');
    const total = served ? Number(served[3]) : range ? null : (got.ContentLength ?? null);
    const size = total ?? (await this.size(sha256));
    if (size === null) {
      body.destroy();
      return null;
    }
    if (!range) return { body, size };
    // s3rver (the test server, 3.7.1) answers `bytes=0-0` with the whole file, and some servers ignore Range
    // altogether: what came is cut down to the bytes asked for, so a player never gets more than it asked.
    const from = served ? Number(served[1]) : 0;
    const to = served ? Number(served[2]) : size - 1;
    if (from === range.start && to === range.end) return { body, size };
    if (from > range.start || to < range.end) {
      body.destroy();
      throw new Error(
        `media store: asked ${this.location} for bytes ${range.start}-${range.end} of ${sha256}, got ${from}-${to}`,
      );
    }
    return { body: Readable.from(cut(body, range.start - from, range.end - range.start + 1)), size };
  }

  async delete(sha256: string): Promise<void> {
    const Key = this.key(sha256);
    const { sdk, client } = await this.api();
    await this.send('remove a file', () =>
      client.send(new sdk.DeleteObjectCommand({ Bucket: this.options.bucket, Key })),
    );
  }

  async *list(): AsyncIterable<StoredBlob> {
    const { sdk, client } = await this.api();
    let token: string | undefined;
    do {
      const page = await this.send('list the files', () =>
        client.send(
          new sdk.ListObjectsV2Command({
            Bucket: this.options.bucket,
            Prefix: this.prefix,
            ContinuationToken: token,
            MaxKeys: this.options.listPageSize,
          }),
        ),
      );
      for (const o of page.Contents ?? []) {
        // Only our own names: other objects under the prefix (or a bucket shared with other data) are not ours.
        const m = KEY.exec(o.Key?.slice(this.prefix.length) ?? '');
        if (!m || !o.Key!.startsWith(this.prefix) || !m[2]!.startsWith(m[1]!)) continue;
        yield { sha256: m[2]!, size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date() };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async readOwner(): Promise<string | null> {
    const { sdk, client } = await this.api();
    try {
      const got = await client.send(
        new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key: `${this.prefix}${OWNER_MARKER}` }),
      );
      return (await got.Body?.transformToString('utf8')) ?? null;
    } catch (e) {
      if (!isMissing(e)) throw this.explain(e, 'read the owner marker');
      await this.bucketExists();
      return null;
    }
  }

  async writeOwner(text: string): Promise<void> {
    const { sdk, client } = await this.api();
    await this.send('write the owner marker', () =>
      client.send(
        new sdk.PutObjectCommand({
          Bucket: this.options.bucket,
          Key: `${this.prefix}${OWNER_MARKER}`,
          Body: text,
          ContentType: 'application/json',
        }),
      ),
    );
  }
}
