// The SSRF rule: which addresses are not public, and names resolving to them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PrivateAddressError, isPrivateAddress, publicAddresses } from './addresses.js';

describe('isPrivateAddress', () => {
  const cases: [string, boolean][] = [
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['0.0.0.0', true],
    ['10.0.0.1', true],
    ['172.16.5.4', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['100.128.0.1', false],
    ['8.8.8.8', false],
    ['93.184.215.14', false],
    ['::1', true],
    ['::', true],
    ['[::1]', true],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['fd12:3456::1', true],
    ['fc00::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:8.8.8.8', false],
    ['0:0:0:0:0:ffff:7f00:1', true],
    ['2606:4700:4700::1111', false],
    ['not an address', true],
  ];
  for (const [ip, expected] of cases)
    it(`${ip} is ${expected ? 'private' : 'public'}`, () => assert.equal(isPrivateAddress(ip), expected));
});

describe('publicAddresses', () => {
  it('refuses a name resolving to any private address, says which; passes public ones', async () => {
    const resolve = async (host: string) =>
      host === 'mixed.test'
        ? [
            { address: '93.184.215.14', family: 4 },
            { address: '10.0.0.7', family: 4 },
          ]
        : [{ address: '93.184.215.14', family: 4 }];
    await assert.rejects(publicAddresses('mixed.test', resolve), (e: unknown) => {
      assert.ok(e instanceof PrivateAddressError);
      assert.match((e as Error).message, /mixed\.test resolves to 10\.0\.0\.7/);
      return true;
    });
    assert.deepEqual(await publicAddresses('public.test', resolve), [
      { address: '93.184.215.14', family: 4 },
    ]);
    await assert.rejects(publicAddresses('[::1]', resolve), PrivateAddressError);
    await assert.rejects(publicAddresses('localhost'), /localhost resolves to (127\.0\.0\.1|::1)/);
  });
});
