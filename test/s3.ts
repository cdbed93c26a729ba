// S3 test kit: the server named by TGWIRE_TEST_S3 (bucket tgwire-test, keys S3RVER/S3RVER), or s3rver started here.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3MediaOptions } from '../src/store/media/s3.js';

export const S3_BUCKET = 'tgwire-test';
const KEY = 'S3RVER';

export interface TestS3 {
  endpoint: string;
  /** Settings for a store of its own: the test bucket under a fresh prefix, so test files never see each other. */
  options(patch?: Partial<S3MediaOptions>): S3MediaOptions;
  /** The TGWIRE_S3_* variables for a tgwire process using these settings. */
  env(options: S3MediaOptions): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * s3rver on 127.0.0.1 (a free port), in its own process: s3rver 3.7.1 signs its list continuation tokens with DES,
 * which Node's OpenSSL 3 refuses unless the legacy provider is on (since Node 17; jamhall/s3rver#818), so any
 * listing longer than a page fails with InternalError inside a test process started without that flag.
 */
export async function startS3rver(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-s3rver-'));
  const bin = fileURLToPath(import.meta.resolve('s3rver/bin/s3rver.js'));
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      bin,
      '-d',
      dir,
      '-a',
      '127.0.0.1',
      '-p',
      '0',
      '--silent',
      '--configure-bucket',
      S3_BUCKET,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const kill = () => child.kill('SIGKILL');
  process.on('exit', kill);
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    const guard = setTimeout(() => reject(new Error(`s3rver did not start: ${out}`)), 20_000);
    const seen = (d: Buffer) => {
      out += d.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(guard);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => {
      clearTimeout(guard);
      reject(new Error(`s3rver exited (${code}): ${out}`));
    });
  });
  return {
    endpoint,
    async stop() {
      process.off('exit', kill);
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts (or joins) the test server and makes sure the bucket is there. Only 127.0.0.1, never the network. */
export async function startTestS3(): Promise<TestS3> {
  const given = process.env.TGWIRE_TEST_S3;
  const server = given ? { endpoint: given, stop: async () => {} } : await startS3rver();
  const client = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: KEY, secretAccessKey: KEY },
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: S3_BUCKET }));
  } catch (e) {
    const name = (e as Error).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw e;
  } finally {
    client.destroy();
  }
  const endpoint = server.endpoint;
  return {
    endpoint,
    options: (patch = {}) => ({
      bucket: S3_BUCKET,
      endpoint,
      region: 'us-east-1',
      prefix: `t-${randomBytes(6).toString('hex')}/`,
      forcePathStyle: true,
      accessKeyId: KEY,
      secretAccessKey: KEY,
      ...patch,
    }),
    env: (o) => ({
      TGWIRE_S3_BUCKET: o.bucket,
      TGWIRE_S3_ENDPOINT: o.endpoint ?? '',
      TGWIRE_S3_REGION: o.region,
      TGWIRE_S3_PREFIX: o.prefix,
      TGWIRE_S3_ACCESS_KEY_ID: o.accessKeyId ?? '',
      TGWIRE_S3_SECRET_ACCESS_KEY: o.secretAccessKey ?? '',
    }),
    stop: server.stop,
  };
}
