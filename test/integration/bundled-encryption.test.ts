import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildEncrypt } from '@aws-crypto/encrypt-node';
import { AlgorithmSuiteIdentifier, CommitmentPolicy } from '@aws-crypto/material-management-node';
import { RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/raw-aes-keyring-node';
import * as esbuild from 'esbuild';
import { CONTACT_CONTEXT_PURPOSE } from '#domain/callbacks/encryption-context';
import { contactCipher, LOCAL_KEY_NAMESPACE } from '../../functions/shared/callbacks/encryption';
import { REPO_ROOT } from '../../infra/constructs/line-function';
import { DEPLOY_BUNDLING } from '../../local/runtime/bundle-function';

/*
 * Deployed bundles stand asn1.js in with a module that throws (UNREACHED_MODULE_ALIASES): the
 * Encryption SDK needs it only for ECDSA-signed messages, which this line never writes. The contact
 * cipher, bundled with the deploy settings and run in a fresh Node, must read what the full SDK writes
 * and write what it reads; a signed message is refused with an error, never a crash.
 */

const KEY = randomBytes(32);
const keyring = () =>
  new RawAesKeyringNode({
    keyNamespace: LOCAL_KEY_NAMESPACE,
    keyName: 'callback-contact',
    unencryptedMasterKey: new Uint8Array(KEY),
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
const BINDING = { requestId: 'req-42', partnerId: 'cidff94' };
const SECRET = { phoneNumber: '+33639981234', codeWord: 'Lilas' };

const ENTRY = `
import { contactCipher, LOCAL_KEY_NAMESPACE } from './functions/shared/callbacks/encryption.ts';
import { RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/raw-aes-keyring-node';
const cipher = contactCipher(new RawAesKeyringNode({
  keyNamespace: LOCAL_KEY_NAMESPACE,
  keyName: 'callback-contact',
  unencryptedMasterKey: new Uint8Array(Buffer.from(process.env.KEY, 'base64')),
  wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
}));
const binding = JSON.parse(process.env.BINDING);
const [mode, input] = process.argv.slice(2);
try {
  const out = mode === 'encrypt' ? await cipher.encrypt(JSON.parse(input), binding) : await cipher.decrypt(input, binding);
  console.log(JSON.stringify({ ok: true, out }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, name: error.name, message: error.message }));
}
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'premier-pas-bundled-cipher-'));
const bundle = path.join(dir, 'cipher.mjs');
let code = '';
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  const result = await esbuild.build({
    ...DEPLOY_BUNDLING,
    stdin: { contents: ENTRY, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'cipher-entry.ts' },
    bundle: true,
    platform: 'node',
    write: false,
    logLevel: 'silent',
    outdir: dir,
  });
  code = new TextDecoder().decode(result.outputFiles?.find((file) => file.path.endsWith('.js'))?.contents);
  fs.writeFileSync(bundle, code);
});

function runBundled(mode: 'encrypt' | 'decrypt', input: string): Record<string, unknown> {
  const run = spawnSync(process.execPath, [bundle, mode, input], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', KEY: KEY.toString('base64'), BINDING: JSON.stringify(BINDING) },
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`bundled cipher exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim()) as Record<string, unknown>;
}

describe('the contact cipher as deployed (asn1.js stood in)', () => {
  it('holds the stand-in, not asn1.js', () => {
    expect(code).toContain('ECDSA-signed Encryption SDK messages are not used by this line');
    expect(code).not.toContain('asn1.js/lib');
  });

  it('reads what the full Encryption SDK writes', async () => {
    const ciphertext = await contactCipher(keyring()).encrypt(SECRET, BINDING);
    expect(runBundled('decrypt', ciphertext)).toEqual({ ok: true, out: SECRET });
  });

  it('writes what the full Encryption SDK reads', async () => {
    const written = runBundled('encrypt', JSON.stringify(SECRET));
    expect(written.ok).toBe(true);
    await expect(contactCipher(keyring()).decrypt(String(written.out), BINDING)).resolves.toEqual(SECRET);
  });

  it('refuses an ECDSA-signed message (never written by this line) with a decryption error, not a crash', async () => {
    const { encrypt } = buildEncrypt(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const { result } = await encrypt(keyring(), JSON.stringify(SECRET), {
      suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384,
      encryptionContext: { purpose: CONTACT_CONTEXT_PURPOSE, ...BINDING },
    });
    const signed = result.toString('base64');
    // The full SDK reads it: only the stand-in makes the bundle refuse it.
    await expect(contactCipher(keyring()).decrypt(signed, BINDING)).resolves.toEqual(SECRET);
    expect(runBundled('decrypt', signed)).toMatchObject({
      ok: false,
      name: 'ContactDecryptionError',
    });
  });
});
