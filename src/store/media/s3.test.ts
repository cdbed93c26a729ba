import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startTestS3, type TestS3 } from '../../../test/s3.js';
import { MediaStoreError, UserError } from '../../util/errors.js';
import { blobStoreContract } from './blob-store-contract.testkit.js';
import { S3MediaStore, type S3MediaOptions } from './s3.js';

let s3: TestS3;
let raw: S3Client;
before(async () => {
  s3 = await startTestS3();
  raw = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
});
after(async () => {
  raw.destroy();
  await s3.stop();
});

/** Every key in the test bucket (all prefixes: a refused name must not land anywhere). */
async function allKeys(): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await raw.send(
      new ListObjectsV2Command({ Bucket: 'tgwire-test', ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) keys.push(o.Key!);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

blobStoreContract('S3', async () => ({ store: new S3MediaStore(s3.options()), raw: allKeys }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const enc = (t: string) => new TextEncoder().encode(t);

describe('S3 media store', () => {
  it('keys are prefix + ab/abcd…, with the content type given; location names bucket and prefix', async () => {
    const o = s3.options();
    const store = new S3MediaStore(o);
    const bytes = enc('%PDF-1.4 a small document');
    await store.put(sha(bytes), bytes, 'application/pdf');
    const key = `${o.prefix}${sha(bytes).slice(0, 2)}/${sha(bytes)}`;
    const head = await raw.send(new HeadObjectCommand({ Bucket: 'tgwire-test', Key: key }));
    assert.equal(head.ContentType, 'application/pdf');
    assert.equal(head.ContentLength, bytes.length);
    assert.equal(store.location, `s3://tgwire-test/${o.prefix}`);
    assert.equal(store.kind, 's3');
  });

  it('lists past one page of results, only its own keys', async () => {
    const o = s3.options({ listPageSize: 4 });
    const store = new S3MediaStore(o);
    const files = Array.from({ length: 23 }, (_, i) => enc(`file ${i}`));
    await Promise.all(files.map((b) => store.put(sha(b), b, 'text/plain')));
    // Something else under the same prefix (not a hash, or in the wrong shard) is not a media file.
    const other = new S3MediaStore({ ...o, prefix: `${o.prefix}ab/` });
    await other.put('c'.repeat(64), enc('misplaced'), 'text/plain');
    const seen: string[] = [];
    for await (const b of store.list()) seen.push(b.sha256);
    assert.equal(seen.length, files.length);
    assert.deepEqual(seen.sort(), files.map(sha).sort());
  });

  const firstUse = async (o: S3MediaOptions, message: RegExp) => {
    const bytes = enc('first use');
    for (const use of [
      () => new S3MediaStore(o).size(sha(bytes)),
      () => new S3MediaStore(o).put(sha(bytes), bytes, 'text/plain'),
      () => new S3MediaStore(o).read(sha(bytes)),
      async () => {
        for await (const b of new S3MediaStore(o).list()) void b;
      },
    ]) {
      await assert.rejects(use(), (e: unknown) => {
        assert.ok(e instanceof UserError, String(e));
        assert.match(e.message, message);
        return true;
      });
    }
  };

  it('a bucket that does not exist is a user error naming the bucket and the endpoint, at first use', async () => {
    await firstUse(
      s3.options({ bucket: 'no-such-bucket-here' }),
      new RegExp(`bucket no-such-bucket-here at ${s3.endpoint.replace(/[.]/g, '\\.')} does not exist`),
    );
  });

  it('keys the server refuses are a user error naming the bucket and what to check', async () => {
    await firstUse(
      s3.options({ accessKeyId: 'WRONG', secretAccessKey: 'WRONG' }),
      /bucket tgwire-test at http:\/\/127\.0\.0\.1:\d+ refuses access .*TGWIRE_S3_ACCESS_KEY_ID/,
    );
  });

  it("a refusal names S3's own reason whether a file is read, looked at or stored (not HEAD's Unknown)", async () => {
    const o = s3.options({ accessKeyId: 'WRONG', secretAccessKey: 'WRONG' });
    const bytes = enc('refused');
    for (const [what, use] of [
      ['size', () => new S3MediaStore(o).size(sha(bytes))],
      ['read', () => new S3MediaStore(o).read(sha(bytes))],
      ['put', () => new S3MediaStore(o).put(sha(bytes), bytes, 'text/plain')],
    ] as const) {
      await assert.rejects(use(), (e: unknown) => {
        assert.ok(e instanceof MediaStoreError, `${what}: ${String(e)}`);
        assert.equal(e.problem, 'refused', what);
        assert.match(e.message, /refuses access \(InvalidAccessKeyId\)/, what);
        return true;
      });
    }
  });

  it('a server that does not answer is a user error, not a stack trace', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const o = s3.options({ endpoint: `http://127.0.0.1:${port}` });
    await assert.rejects(new S3MediaStore(o).put(sha(enc('x')), enc('x'), 'text/plain'), (e: unknown) => {
      assert.ok(e instanceof UserError, String(e));
      assert.match(e.message, new RegExp(`cannot reach bucket tgwire-test at http://127.0.0.1:${port}`));
      return true;
    });
  });
  it('a server that fails a listing (HTTP 500) is one user error naming the bucket, endpoint, operation and code', async () => {
    // What s3rver answers when it cannot page its listing (REPORT-s3 #5): an S3 error document with status 500.
    const srv = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(500, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
      );
    });
    const port = await new Promise<number>((resolve) =>
      srv.listen(0, '127.0.0.1', () => resolve((srv.address() as { port: number }).port)),
    );
    try {
      const store = new S3MediaStore(s3.options({ endpoint: `http://127.0.0.1:${port}` }));
      await assert.rejects(
        (async () => {
          for await (const b of store.list()) void b;
        })(),
        (e: unknown) => {
          assert.ok(e instanceof UserError, String(e));
          assert.match(
            e.message,
            new RegExp(
              `^media store: bucket tgwire-test at http://127\\.0\\.0\\.1:${port} failed while trying to list the files \\(InternalError, HTTP 500\\)`,
            ),
          );
          return true;
        },
      );
    } finally {
      await new Promise((r) => srv.close(r));
    }
  });
});
