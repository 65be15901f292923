import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../infra/constructs/line-function';

/**
 * The local line's stand-in for the queue-envelope KMS key: an RSA-3072 key pair, like the KMS key's
 * RSA_3072. Producers get its public half in CALLBACK_ENVELOPE_PUBLIC_KEY, as on AWS; dispatch-callback
 * gets its private half in CALLBACK_ENVELOPE_LOCAL_PRIVATE_KEY, where AWS has KMS Decrypt. It lives in
 * `.local/callback-envelope-key.json` (git-ignored), made once: an RSA key takes a while to generate.
 */
export const ENVELOPE_KEY_FILE = path.join(REPO_ROOT, '.local', 'callback-envelope-key.json');

/** Both halves as DER, base64: SubjectPublicKeyInfo (what KMS GetPublicKey returns) and PKCS#8. */
export interface LocalEnvelopeKey {
  readonly publicKey: string;
  readonly privateKey: string;
}

/** Loads the local queue-envelope key pair, creating it once (safe if two processes race). */
export function loadLocalEnvelopeKey(file = ENVELOPE_KEY_FILE): LocalEnvelopeKey {
  if (!fs.existsSync(file)) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
    const content: LocalEnvelopeKey = {
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written aside then linked into place: a racing reader never sees half a file.
    const draft = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(draft, JSON.stringify(content), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (caught) {
      if ((caught as NodeJS.ErrnoException).code !== 'EEXIST') throw caught;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalEnvelopeKey;
}

/** The variables that point the producers and the consumer at the local key pair. */
export function localEnvelopeEnv(file = ENVELOPE_KEY_FILE): {
  CALLBACK_ENVELOPE_PUBLIC_KEY: string;
  CALLBACK_ENVELOPE_LOCAL_PRIVATE_KEY: string;
} {
  const key = loadLocalEnvelopeKey(file);
  return { CALLBACK_ENVELOPE_PUBLIC_KEY: key.publicKey, CALLBACK_ENVELOPE_LOCAL_PRIVATE_KEY: key.privateKey };
}
