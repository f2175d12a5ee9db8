import { ownerAllowed, scopeOf, type Principal } from '../../../platform/access/index.js';
import type { Resource } from '../../../platform/access/permissions.js';
import type { Executor } from '../../../platform/db/database.js';
import { foldText } from '../../../shared/text.js';
import type { RowError } from '../imports.schema.js';
import type { MappedRow } from './target.js';

/** Owners named in a file by e-mail or by name, resolved to active users the importer may assign records to. */
export class OwnerResolver {
  private constructor(
    private readonly byEmail: Map<string, string>,
    /** folded name -> id, or null when two active users share the name */
    private readonly byName: Map<string, string | null>,
    private readonly p: Principal,
    private readonly resource: Resource,
  ) {}

  static async load(db: Executor, p: Principal, resource: Resource): Promise<OwnerResolver> {
    const users = await db.selectFrom('users').select(['id', 'email', 'name']).where('is_active', '=', 1).execute();
    const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
    const byName = new Map<string, string | null>();
    for (const u of users) {
      const k = foldText(u.name);
      byName.set(k, byName.has(k) ? null : u.id);
    }
    return new OwnerResolver(byEmail, byName, p, resource);
  }

  /**
   * The owner of a row: the `owner` column's user, else `fallback` (the importer for new records, the current
   * owner for updates). Errors when unknown, ambiguous, or outside the importer's scope for the action.
   */
  resolve(r: MappedRow, action: 'create' | 'update', fallback: string | null): { ownerId: string | null } | { error: RowError } {
    const text = r.text('owner');
    if (text === undefined && action === 'update') return { ownerId: fallback };
    let ownerId = fallback;
    if (text !== undefined) {
      const email = this.byEmail.get(text.toLowerCase());
      const named = this.byName.get(foldText(text));
      if (email) ownerId = email;
      else if (named) ownerId = named;
      else if (named === null) return { error: r.error('owner', 'import.owner_ambiguous', 'several active users have this name: use the e-mail') };
      else return { error: r.error('owner', 'import.owner_unknown', 'is not an active user (give an e-mail or a full name)') };
      if (ownerId === fallback && action === 'update') return { ownerId };
    }
    if (!ownerAllowed(this.p, scopeOf(this.p, this.resource, action), ownerId)) {
      return { error: r.error(text === undefined ? null : 'owner', 'import.owner_forbidden', 'you may not make this user the owner') };
    }
    return { ownerId };
  }
}
