/**
 * The storage of the local OpenID provider (sessions, codes, grants), in memory: the local line's
 * sign-ins end with it. oidc-provider's adapter interface, written out to avoid its development
 * adapter, which warns at every start.
 */

type Payload = Record<string, unknown> & {
  grantId?: string;
  userCode?: string;
  uid?: string;
  consumed?: number;
};

const stores = new Map<string, Map<string, { payload: Payload; expiresAt?: number }>>();

export class MemoryAdapter {
  private readonly store: Map<string, { payload: Payload; expiresAt?: number }>;

  constructor(name: string) {
    this.store = stores.get(name) ?? new Map();
    stores.set(name, this.store);
  }

  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    this.store.set(id, {
      payload,
      ...(expiresIn === undefined ? {} : { expiresAt: Date.now() + expiresIn * 1000 }),
    });
  }

  async find(id: string): Promise<Payload | undefined> {
    const entry = this.store.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.store.delete(id);
      return undefined;
    }
    return entry.payload;
  }

  async findByUserCode(userCode: string): Promise<Payload | undefined> {
    return [...this.store.values()].find((entry) => entry.payload.userCode === userCode)?.payload;
  }

  async findByUid(uid: string): Promise<Payload | undefined> {
    return [...this.store.values()].find((entry) => entry.payload.uid === uid)?.payload;
  }

  async consume(id: string): Promise<void> {
    const entry = this.store.get(id);
    if (entry !== undefined) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [id, entry] of this.store) if (entry.payload.grantId === grantId) this.store.delete(id);
  }
}
