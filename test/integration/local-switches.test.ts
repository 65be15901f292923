import { bundleFunction, DEPLOY_BUNDLING } from '../../local/runtime/bundle-function';
import { listFunctions } from '../../local/runtime/lambda-runtime';

/**
 * The local line's switches are compiled out of what is deployed: no bundle built with the deploy
 * settings (LOCAL_SWITCHES_OFF in BUNDLING) holds the name of a variable that would make a cloud
 * function use a local key, secret, outbox or key set. The other integration tests run the same
 * handlers under tsx, switches on: the local line still works.
 */
const LOCAL_VARIABLES = [
  'PREMIER_PAS_LOCAL',
  'LOCAL_OUTBOX_DIR',
  'PHONE_LOCAL_AES_KEY',
  'CALLBACK_ENVELOPE_LOCAL_PRIVATE_KEY',
  'CALLER_KEY_LOCAL_SECRET',
  'PARTNER_JWKS_URL',
  'PREMIER_PAS_CLOUD_BUILD',
] as const;

const namesIn = (code: Uint8Array): string[] => {
  const text = Buffer.from(code).toString('utf8');
  return LOCAL_VARIABLES.filter((name) => text.includes(name));
};

describe('deployed bundles', () => {
  it.each(listFunctions())(
    '%s holds no local switch',
    async (name) => {
      expect(namesIn((await bundleFunction(name)).code)).toEqual([]);
    },
    60_000,
  );

  it('would hold them without the define (the check can see them)', async () => {
    const { define: _define, ...withoutDefine } = DEPLOY_BUNDLING;
    const bundle = await bundleFunction('partner-api', withoutDefine);
    expect(namesIn(bundle.code)).toEqual(
      expect.arrayContaining(['PHONE_LOCAL_AES_KEY', 'PARTNER_JWKS_URL', 'PREMIER_PAS_CLOUD_BUILD']),
    );
    const consumer = await bundleFunction('dispatch-callback', withoutDefine);
    expect(namesIn(consumer.code)).toEqual(expect.arrayContaining(['CALLBACK_ENVELOPE_LOCAL_PRIVATE_KEY']));
  }, 60_000);
});
