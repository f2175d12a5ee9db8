import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import type { Notification } from './reminders.schema.js';
import * as repo from './reminders.repository.js';
import { toNotification } from './reminders.service.js';

/**
 * How far back each poll looks: a notification committed this long after it was created (a slow
 * transaction, another node's clock running behind) still reaches the streams.
 */
const WINDOW_MS = 60_000;
const USERS_PER_QUERY = 500;

interface Subscriber {
  userId: string;
  /** Only notifications created at or after this moment (ms): the stream's start. */
  since: number;
  send(n: Notification): void;
  close(): void;
}

/** The smallest UUIDv7 of a millisecond: ids at or above it were made at or after that moment. */
export function idFloor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/**
 * Live notification streams of this node. While any stream is open it polls the notifications table for
 * the connected users, so notifications made by any node (reminders fired elsewhere, a task assigned
 * through another node) reach them; `kick()` polls at once after this node made some.
 */
export class NotificationHub {
  private readonly subscribers = new Set<Subscriber>();
  /** Ids already delivered, with their creation time (ms), pruned once they leave the window. */
  private readonly delivered = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** Registers a stream; returns the function that removes it. */
  subscribe(userId: string, send: (n: Notification) => void, close: () => void): () => void {
    const sub: Subscriber = { userId, since: Date.now(), send, close };
    this.subscribers.add(sub);
    this.timer ??= setInterval(() => this.kick(), this.intervalMs).unref();
    return () => {
      this.subscribers.delete(sub);
      if (!this.subscribers.size && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** Polls now (or right after the poll under way). */
  kick(): void {
    if (!this.subscribers.size) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = this.pollLoop().finally(() => (this.polling = null));
  }

  private async pollLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.poll();
      } catch (err) {
        this.logger.warn({ err }, 'notification stream poll failed');
      }
    } while (this.again && this.subscribers.size);
  }

  private async poll(): Promise<void> {
    const floorMs = Date.now() - WINDOW_MS;
    for (const [id, created] of this.delivered) if (created < floorMs) this.delivered.delete(id);
    const users = [...new Set([...this.subscribers].map((s) => s.userId))];
    for (let i = 0; i < users.length; i += USERS_PER_QUERY) {
      const rows = await repo.recentFor(this.db, users.slice(i, i + USERS_PER_QUERY), idFloor(floorMs));
      for (const row of rows) {
        if (this.delivered.has(row.id)) continue;
        const created = Date.parse(row.created_at);
        this.delivered.set(row.id, created);
        const n = toNotification(row);
        for (const s of this.subscribers) if (s.userId === row.user_id && created >= s.since) s.send(n);
      }
    }
  }

  /** Ends every stream and stops polling (the node shuts down). */
  async stop(): Promise<void> {
    for (const s of [...this.subscribers]) s.close();
    this.subscribers.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
  }
}
