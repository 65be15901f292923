import * as z from 'zod/mini';

/**
 * The portal's runtime configuration, fetched from `/config.json` on its own origin at start. The
 * same shape is written by the CDK deployment (S3, next to the app) and by the local line's server,
 * so one build serves every stage. On AWS, `oidc.authority` is the user pool's issuer URL.
 */
export const PortalConfigSchema = z.object({
  /** The partner API's base URL, without a trailing slash needed. */
  apiUrl: z.url(),
  oidc: z.object({
    authority: z.url(),
    clientId: z.string().check(z.minLength(1)),
    scope: z.string().check(z.minLength(1)),
  }),
});

export type PortalConfig = z.infer<typeof PortalConfigSchema>;

/** Raised when `/config.json` is missing or malformed: a deployment mistake, shown as such. */
export class PortalConfigError extends Error {
  override readonly name = 'PortalConfigError';
}

/** Parses a config document; throws PortalConfigError naming the wrong fields. */
export function parsePortalConfig(document: unknown): PortalConfig {
  const parsed = z.safeParse(PortalConfigSchema, document);
  if (parsed.success) return { ...parsed.data, apiUrl: parsed.data.apiUrl.replace(/\/+$/, '') };
  const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(racine)');
  throw new PortalConfigError(`config.json invalide : ${[...new Set(fields)].join(', ')}`);
}

/** Fetches and validates `/config.json` from the page's own origin. */
export async function loadPortalConfig(fetchImpl: typeof fetch = fetch): Promise<PortalConfig> {
  // Served with cache-control: no-store, so a redeploy's config is read at the next start.
  const response = await fetchImpl('/config.json');
  if (!response.ok) throw new PortalConfigError(`config.json introuvable (${response.status})`);
  return parsePortalConfig(await response.json());
}
